package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestNewRenderCmd checks flag and argument parsing alone.
func TestNewRenderCmd(t *testing.T) {
	for _, tc := range []struct {
		desc    string
		give    []string
		want    renderOptions
		wantErr string
		usage   bool
	}{
		{desc: "defaults", give: []string{"a.mmd"}, want: renderOptions{Files: []string{"a.mmd"}, Format: "svg", Theme: ""}},
		{desc: "all flags", give: []string{"a.mmd", "-o", "x.puml", "--format", "plantuml", "--theme", "dark"},
			want: renderOptions{Files: []string{"a.mmd"}, Output: "x.puml", Format: "plantuml", Theme: "dark"}},
		{desc: "stdin", give: []string{"-", "-o", "-"}, want: renderOptions{Files: []string{"-"}, Output: "-", Format: "svg", Theme: ""}},
		{desc: "several", give: []string{"a.mmd", "b.mmd", "-o", "out"}, want: renderOptions{Files: []string{"a.mmd", "b.mmd"}, Output: "out", Format: "svg", Theme: ""}},
		{desc: "png by extension", give: []string{"a.mmd", "-o", "x.png", "--scale", "2"}, want: renderOptions{Files: []string{"a.mmd"}, Output: "x.png", Format: "png", Theme: ""}},
		{desc: "pdf by extension, any case", give: []string{"a.mmd", "-o", "x.PDF"}, want: renderOptions{Files: []string{"a.mmd"}, Output: "x.PDF", Format: "pdf", Theme: ""}},
		{desc: "mermaid by extension", give: []string{"a.har", "-o", "x.mmd"}, want: renderOptions{Files: []string{"a.har"}, Output: "x.mmd", Format: "mermaid", Theme: ""}},
		{desc: "--format wins over the extension", give: []string{"a.mmd", "-o", "x.svg", "--format", "png"}, want: renderOptions{Files: []string{"a.mmd"}, Output: "x.svg", Format: "png", Theme: ""}},
		{desc: "--format puml alias", give: []string{"a.mmd", "--format", "puml"}, want: renderOptions{Files: []string{"a.mmd"}, Format: "plantuml", Theme: ""}},
		{desc: "-i as mermaid-cli", give: []string{"-i", "a.mmd", "-o", "a.pdf"}, want: renderOptions{Files: []string{"a.mmd"}, Output: "a.pdf", Format: "pdf", Theme: ""}},
		{desc: "arguments then -i", give: []string{"a.mmd", "-i", "b.mmd", "-o", "out"}, want: renderOptions{Files: []string{"a.mmd", "b.mmd"}, Output: "out", Format: "svg", Theme: ""}},
		{desc: "no file", give: []string{}, wantErr: "requires at least 1 arg"},
		{desc: "unknown extension", give: []string{"a.mmd", "-o", "flow.jpg"}, wantErr: `cannot tell the format from ".jpg"`, usage: true},
		{desc: "no extension", give: []string{"a.mmd", "-o", "flow"}, wantErr: `cannot tell the format from ""`, usage: true},
		{desc: "bad format", give: []string{"a.mmd", "--format", "gif"}, wantErr: `--format "gif"`, usage: true},
		{desc: "scale for svg", give: []string{"a.mmd", "-o", "a.svg", "--scale", "2"}, wantErr: "--scale sizes PNG", usage: true},
		{desc: "scale zero", give: []string{"a.mmd", "-o", "a.png", "--scale", "0"}, wantErr: "--scale 0", usage: true},
		{desc: "bad theme", give: []string{"a.mmd", "--theme", "blue"}, wantErr: `--theme "blue"`, usage: true},
		{desc: "stdout for two", give: []string{"a.mmd", "b.mmd", "-o", "-"}, wantErr: "one input", usage: true},
		{desc: "stdin twice", give: []string{"-", "-"}, wantErr: "only once", usage: true},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			s := &Streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			var got *renderOptions
			cmd := newRenderCmdF(s, func(o *renderOptions) error { got = o; return nil })
			cmd.SetArgs(tc.give)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				var ue usageError
				if tc.usage && !errors.As(err, &ue) {
					t.Errorf("err %v is not a usage error (exit 2)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.streams = nil
			if strings.Join(got.Files, ",") != strings.Join(tc.want.Files, ",") || got.Output != tc.want.Output ||
				got.Format != tc.want.Format || got.Theme != tc.want.Theme {
				t.Errorf("options = %+v, want %+v", *got, tc.want)
			}
		})
	}
}
