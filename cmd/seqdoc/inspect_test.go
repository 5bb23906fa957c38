package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestNewInspectCmd checks the arguments and flags alone.
func TestNewInspectCmd(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    inspectOptions
		wantErr string
	}{
		{"table", []string{"a.har"}, inspectOptions{Capture: "a.har"}, ""},
		{"json", []string{"a.har", "--json"}, inspectOptions{Capture: "a.har", JSON: true}, ""},
		{"stdin", []string{"--json", "-"}, inspectOptions{Capture: "-", JSON: true}, ""},
		{"no capture", []string{}, inspectOptions{}, "accepts 1 arg(s), received 0"},
		{"two captures", []string{"a.har", "b.har"}, inspectOptions{}, "accepts 1 arg(s), received 2"},
		{"empty path", []string{""}, inspectOptions{}, "the capture path is empty"},
		{"unknown flag", []string{"a.har", "--yaml"}, inspectOptions{}, "unknown flag: --yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *inspectOptions
			s := &Streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newInspectCmdWith(s, func(o *inspectOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *got != tt.want {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

// TestInspectStdinJSON runs the command on a capture from standard input.
func TestInspectStdinJSON(t *testing.T) {
	capture := `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
{"startedDateTime":"2026-11-26T01:00:00.000Z","time":5,
 "request":{"method":"GET","url":"https://app.example.com/","httpVersion":"HTTP/2.0","headers":[{"name":"sec-fetch-dest","value":"document"}],"cookies":[],"queryString":[],"headersSize":-1,"bodySize":0},
 "response":{"status":302,"statusText":"","httpVersion":"HTTP/2.0","headers":[{"name":"server","value":"awselb/2.0"},{"name":"location","value":"https://x.auth.eu-west-1.amazoncognito.com/oauth2/authorize?client_id=c&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth2%2Fidpresponse&response_type=code&state=s3cr3tstate"}],"cookies":[],"content":{"size":0,"mimeType":""},"redirectURL":"","headersSize":-1,"bodySize":0},
 "cache":{},"timings":{"send":0,"wait":5,"receive":0}}]}}`
	out := &bytes.Buffer{}
	s := &Streams{In: strings.NewReader(capture), Out: out, Err: &bytes.Buffer{}}
	if err := runInspect(s, &inspectOptions{Capture: "-", JSON: true}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{`"kind": "auth-redirect"`, `"phase": "login"`, `"code": "sanitized-capture"`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "s3cr3tstate") {
		t.Error("the state value reached the output")
	}
}
