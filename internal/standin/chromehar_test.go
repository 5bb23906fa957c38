package standin

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
	"github.com/seqdoc/seqdoc/internal/browsertest"
	"github.com/seqdoc/seqdoc/internal/canary"
	seqrecord "github.com/seqdoc/seqdoc/record"
)

var updateChromeHAR = flag.Bool("update-chromehar", false, "record the stand-in's scenarios with chrome-har (npm) into testdata/chromehar")

// TestRecordChromeHAR (with -update-chromehar) records every scenario of
// the stand-in with the second exporter of issue 9: Chromium driven over the
// DevTools protocol by puppeteer-core, its events turned into a HAR by
// chrome-har (testdata/chromehar/record.js; npm ci --prefix
// testdata/chromehar/npm first). It keeps the redacted capture and the
// stand-in's labels in testdata/chromehar/NAME/, after checking that no
// secret of the run is in either: the held-out captures that
// har/authflow's TestStandinChromeHAR classifies.
//
// The labels are the stand-in's truth of what it served, plus what the
// exporter did: where an entry's Location header is not the one the
// stand-in sent for that very request (chrome-har puts a redirect chain's
// first headers on its last entry), the capture is inconsistent:
// capture-inconsistent is expected. Set-Cookie lines on the wrong entry
// alone may not show (a moved stickiness cookie contradicts nothing):
// capture-inconsistent is allowed then.
func TestRecordChromeHAR(t *testing.T) {
	if !*updateChromeHAR {
		t.Skip("run with -update-chromehar to record the chrome-har captures again")
	}
	modules := filepath.Join("testdata", "chromehar", "npm", "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "chrome-har")); err != nil {
		t.Fatalf("chrome-har not installed: npm ci --prefix internal/standin/testdata/chromehar/npm (%v)", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("no node on PATH")
	}
	exe := browsertest.Chromium(t)
	script, _ := filepath.Abs(filepath.Join("testdata", "chromehar", "record.js"))
	for _, sc := range Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			s, err := Start(sc.Options)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			env := Env(s)
			text := sc.Steps
			if sc.Login {
				// seqdoc record --login cognito signs in first; do the same.
				text = `- goto: https://app.example.com/
- fill: {selector: "input[name=username]", value: "${STANDIN_USER}"}
- fill: {selector: "input[type=password]", value: "${STANDIN_PASSWORD}"}
- click: "input[type=submit], button[type=submit]"
` + text
			}
			steps, err := seqrecord.ParseSteps([]byte(text), sc.Name, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
			if err != nil {
				t.Fatal(err)
			}
			stepsJSON, _ := json.Marshal(steps)
			flagsJSON, _ := json.Marshal(s.BrowserFlags())
			raw := filepath.Join(t.TempDir(), "raw.har")
			cmd := exec.Command(node, script)
			cmd.Env = append(os.Environ(), "NODE_PATH="+modules, "STEPS="+string(stepsJSON), "FLAGS="+string(flagsJSON), "CHROMIUM="+exe, "HAR="+raw)
			cmd.Dir, _ = filepath.Abs(".")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("chrome-har: %v\n%s", err, out)
			}
			_, entries, err := har.ReadFile(raw, har.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			labels := s.Labels(sc, entries)
			labels.HAR, labels.Exporter = "capture.har", "chrome-har 1.3.1 (puppeteer-core 24.10.0)"
			moved := false
			for _, m := range labels.HopMismatches(entries) {
				if strings.Contains(m, "Location") {
					moved = true
				}
			}
			drop := func(xs []string, c string) []string {
				return slices.DeleteFunc(xs, func(x string) bool { return x == c })
			}
			labels.ForbiddenFindings = drop(labels.ForbiddenFindings, authflow.CodeCaptureInconsistent)
			if moved {
				labels.ExpectedFindings = append(labels.ExpectedFindings, authflow.CodeCaptureInconsistent)
			} else if len(labels.HopMismatches(entries)) > 0 {
				labels.MayFindings = append(labels.MayFindings, authflow.CodeCaptureInconsistent)
			} else {
				labels.ForbiddenFindings = append(labels.ForbiddenFindings, authflow.CodeCaptureInconsistent)
			}
			// Redact as seqdoc import does, and keep that.
			rd, err := os.Open(raw)
			if err != nil {
				t.Fatal(err)
			}
			defer rd.Close()
			r, err := har.NewReader(rd, "raw.har", har.ReadOptions{KeepBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			var buf strings.Builder
			w := har.NewWriter(&buf)
			red := har.NewRedactor(authflow.RedactOptions(nil))
			for n := 0; ; n++ {
				e, err := r.Next()
				if err != nil {
					break
				}
				if n == 0 {
					red.Log(r.Log())
				}
				red.Entry(e)
				if err := w.WriteEntry(r.Log(), e); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(r.Log()); err != nil {
				t.Fatal(err)
			}
			lb, err := json.MarshalIndent(labels, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			for _, data := range [][]byte{[]byte(buf.String()), lb} {
				for _, f := range canary.Find(data, s.Canaries()) {
					t.Fatalf("a secret of the run would be committed: %.60s", f)
				}
			}
			dir := filepath.Join("testdata", "chromehar", sc.Name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "capture.har"), []byte(buf.String()), 0o644)
			os.WriteFile(filepath.Join(dir, "labels.json"), append(lb, '\n'), 0o644)
		})
	}
}
