package main

import "testing"

func TestNewBuildCmdFlags(t *testing.T) {
	checkFlags(t, newBuildCmdWith, []flagCase[buildOptions]{
		{args: nil, want: buildOptions{Out: "public"}},
		{args: []string{"--src", "docs", "--out", "site", "--drafts", "--base-url", "https://e.com/x/"},
			want: buildOptions{Src: "docs", Out: "site", Drafts: true, BaseURL: "https://e.com/x/"}},
		{args: []string{"--out", ""}, wantErr: "--out must name a folder"},
		{args: []string{"--base-url", "example.com/x"}, wantErr: "must be an absolute http(s) URL"},
		{args: []string{"--base-url", "javascript:alert(1)"}, wantErr: "must be an absolute http(s) URL"},
		{args: []string{"extra"}, wantErr: "unknown command"},
		{args: []string{"--nope"}, wantErr: "unknown flag"},
	})
}

func TestNewNewCmdArgs(t *testing.T) {
	checkFlags(t, newNewCmdWith, []flagCase[newOptions]{
		{args: []string{"mysite"}, want: newOptions{Dir: "mysite"}},
		{args: nil, wantErr: "accepts 1 arg"},
		{args: []string{"a", "b"}, wantErr: "accepts 1 arg"},
	})
}
