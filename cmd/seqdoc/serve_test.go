package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestNewServeCmdFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    serveOptions
		wantErr string
	}{
		{args: nil, want: serveOptions{Bind: "127.0.0.1", Port: 1313}},
		{args: []string{"--src", "docs", "--port", "0", "--open", "--drafts"},
			want: serveOptions{Src: "docs", Bind: "127.0.0.1", Port: 0, Open: true, Drafts: true}},
		{args: []string{"--bind", "0.0.0.0", "--port", "8080"}, want: serveOptions{Bind: "0.0.0.0", Port: 8080}},
		{args: []string{"--port", "70000"}, wantErr: "--port 70000 is out of range"},
		{args: []string{"--port", "-1"}, wantErr: "--port -1 is out of range"},
		{args: []string{"--bind", ""}, wantErr: "--bind must name an address"},
		{args: []string{"extra"}, wantErr: "unknown command"},
	}
	for _, tt := range tests {
		var got *serveOptions
		s := &Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
		cmd := newServeCmdWith(s, func(_ context.Context, o *serveOptions) error { got = o; return nil })
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
