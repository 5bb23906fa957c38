package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestNewInspectCmd checks the arguments and flags alone.
func TestNewInspectCmd(t *testing.T) {
	checkFlags(t, newInspectCmdWith, []flagCase[inspectOptions]{
		{args: []string{"a.har"}, want: inspectOptions{Capture: "a.har"}},
		{args: []string{"a.har", "--json"}, want: inspectOptions{Capture: "a.har", JSON: true}},
		{args: []string{"--json", "-"}, want: inspectOptions{Capture: "-", JSON: true}},
		{args: []string{}, wantErr: "accepts 1 arg(s), received 0"},
		{args: []string{"a.har", "b.har"}, wantErr: "accepts 1 arg(s), received 2"},
		{args: []string{""}, wantErr: "the capture path is empty"},
		{args: []string{"a.har", "--yaml"}, wantErr: "unknown flag: --yaml"},
	})
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
	if err := runInspect(context.Background(), s, &inspectOptions{Capture: "-", JSON: true}); err != nil {
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
