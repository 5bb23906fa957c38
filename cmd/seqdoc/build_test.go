package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestNewBuildCmdFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    buildOptions
		wantErr string
	}{
		{args: nil, want: buildOptions{Out: "public"}},
		{args: []string{"--src", "docs", "--out", "site", "--drafts", "--base-url", "https://e.com/x/"},
			want: buildOptions{Src: "docs", Out: "site", Drafts: true, BaseURL: "https://e.com/x/"}},
		{args: []string{"--out", ""}, wantErr: "--out must name a folder"},
		{args: []string{"--base-url", "example.com/x"}, wantErr: "must be an absolute http(s) URL"},
		{args: []string{"--base-url", "javascript:alert(1)"}, wantErr: "must be an absolute http(s) URL"},
		{args: []string{"extra"}, wantErr: "unknown command"},
		{args: []string{"--nope"}, wantErr: "unknown flag"},
	}
	for _, tt := range tests {
		var got *buildOptions
		s := &Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
		cmd := newBuildCmdWith(s, func(_ context.Context, o *buildOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(s.Out)
		cmd.SetErr(s.Err)
		err := cmd.ExecuteContext(context.Background())
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if *got != tt.want {
			t.Errorf("%q: options %+v, want %+v", tt.args, *got, tt.want)
		}
	}
}

func TestNewNewCmdArgs(t *testing.T) {
	tests := []struct {
		args    []string
		want    string
		wantErr string
	}{
		{args: []string{"mysite"}, want: "mysite"},
		{args: nil, wantErr: "accepts 1 arg"},
		{args: []string{"a", "b"}, wantErr: "accepts 1 arg"},
	}
	for _, tt := range tests {
		var got *newOptions
		s := &Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
		cmd := newNewCmdWith(s, func(_ context.Context, o *newOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(s.Out)
		cmd.SetErr(s.Err)
		err := cmd.ExecuteContext(context.Background())
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Dir != tt.want {
			t.Errorf("%q: dir %v (err %v), want %q", tt.args, got, err, tt.want)
		}
	}
}
