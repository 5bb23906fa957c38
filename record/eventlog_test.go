package record

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/standin"
	"github.com/seqdoc/seqdoc/record/cdphar"
)

var updateEvents = flag.Bool("update-events", false, "record the CDP event logs of record/cdphar/testdata/events again (real Chromium against the stand-in), with every secret of the run replaced")

// eventLogScenarios are the runs whose events cdphar's tests replay:
// redirect chains with cookies, a form POST, a CORS failure, an ORB-blocked
// favicon chain, a cache hit.
var eventLogScenarios = []string{"happy", "wrong-password", "xhr-auth-redirect", "callback-500", "logout-keeps-alb-session", "sharded-session"}

// TestRecordEventLogs (with -update-events) records the event logs that
// cdphar's tests replay. The secrets of the run are replaced by
// "canary-N" (in URLs, headers, cookies and form bodies), then the file is
// checked to hold none of them.
func TestRecordEventLogs(t *testing.T) {
	if !*updateEvents {
		t.Skip("run with -update-events to record the event logs again")
	}
	dir := filepath.Join("cdphar", "testdata", "events")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range eventLogScenarios {
		t.Run(name, func(t *testing.T) {
			sc, _ := standin.ScenarioNamed(name)
			_, events, s := recordScenario(t, sc)
			canaries := s.Canaries()
			scrubEvents(events, canaries)
			var buf bytes.Buffer
			if err := cdphar.WriteEvents(&buf, events); err != nil {
				t.Fatal(err)
			}
			text := scrubText(buf.String(), canaries)
			for _, c := range canaries {
				if strings.Contains(text, c) {
					t.Fatalf("a secret of the run survived the scrub: %.6s…", c)
				}
			}
			// The stand-in's ports change every run: use fixed ones.
			text = strings.NewReplacer(s.ALBAddr(), "127.0.0.1:44301", s.CognitoAddr(), "127.0.0.1:44302").Replace(text)
			if err := os.WriteFile(filepath.Join(dir, name+".jsonl"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// scrubEvents replaces secrets inside request bodies (base64 in JSON, so
// out of reach of scrubText).
func scrubEvents(events []cdphar.Event, canaries []string) {
	for i, ev := range events {
		if ev.Method != "Network.requestWillBeSent" {
			continue
		}
		var m map[string]any
		if json.Unmarshal(ev.Params, &m) != nil {
			continue
		}
		req, _ := m["request"].(map[string]any)
		entries, _ := req["postDataEntries"].([]any)
		for _, pe := range entries {
			pm, _ := pe.(map[string]any)
			if b64, ok := pm["bytes"].(string); ok {
				raw, err := base64.StdEncoding.DecodeString(b64)
				if err == nil {
					pm["bytes"] = base64.StdEncoding.EncodeToString([]byte(scrubText(string(raw), canaries)))
				}
			}
		}
		if len(entries) > 0 {
			events[i].Params, _ = json.Marshal(m)
		}
	}
}

// scrubText replaces each secret by canary-N, longest first (a session
// cookie's shards are parts of the whole value).
func scrubText(s string, canaries []string) string {
	order := slices.Clone(canaries)
	sort.SliceStable(order, func(i, j int) bool { return len(order[i]) > len(order[j]) })
	index := map[string]int{}
	for i, c := range canaries {
		index[c] = i + 1
	}
	for _, c := range order {
		s = strings.ReplaceAll(s, c, "canary-"+strconv.Itoa(index[c]))
	}
	return s
}
