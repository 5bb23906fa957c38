package har

import (
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/shareddata"
)

// sharedDir is the shared folder, beside the repository.
const sharedDir = "../../shared"

func fixtureDir(t testing.TB, sub string) string {
	t.Helper()
	return shareddata.Need(t, filepath.Join(sharedDir, "fixtures", sub))
}

// publicFixtures gives, for every file of fixtures/har-public, the entry
// count SOURCES.md gives, or -1 for the files that are broken on purpose.
var publicFixtures = map[string]int{
	"alta-proxy-binary-json.har":               1,
	"browsertime-1.0-http2-chrome.har":         11,
	"charles-4.2.7-har1.3.har":                 3,
	"charles-proxy-4.6.3.har":                  1,
	"chrome-devtools-mitmproxy.har":            3,
	"chrome-har-0.3.2-redirect.har":            22,
	"chrome-har-capturer-0.10.3-cnn.har":       292,
	"chrome-with-utf8-bom.har":                 1,
	"chrome51-svg-base64-body.har":             1,
	"edge-devtools-mitmproxy.har":              22,
	"fiddler-4.6-ie11.har":                     11,
	"fiddler-5.0-same-request-pair.har":        1,
	"firebug-1.12-har1.1-cnn.har":              145,
	"firefox-111.har":                          14,
	"firefox-43-http2-har1.1.har":              10,
	"firefox-47-har1.1.har":                    3,
	"firefox-77-same-request-pair.har":         1,
	"har-validator-invalid-log-set.har.json":   -1,
	"huge-timing-value-firebug.har":            8,
	"ie11-network-inspector-har1.1.har":        25,
	"insomnia-2022.1.1.har":                    1,
	"invalid-broken-json-mitmproxy.har":        -1,
	"invalid-date-nan-firebug.har":             8,
	"invalid-no-entries-harviewer.har":         -1,
	"invalid-not-json-harviewer.har":           -1,
	"jsonp-harp-wrapper-firebug.har":           -1,
	"minimal-pseudo-headers-har-to-k6.har":     1,
	"mitmproxy-websocket.har":                  3,
	"no-creator-no-pages-haralyzer.har":        1,
	"odd-data-url-cache-array.har":             1,
	"playwright-1.23-redirect-chain.har":       3,
	"playwright-1.23-sha1-file-ref.har":        1,
	"pollyjs-1.2-puppeteer-recording.har":      2,
	"pollyjs-2.0-binary-hex-body.har":          1,
	"safari-webkit-inspector.har":              19,
	"single-entry-fragment-haralyzer.har.json": -1,
	"webpagetest-2.17-wikipedia.har":           102,
	"zap-devbuild-form-sequence.har":           6,
}

// brokenFixtures are the messages the broken fixtures give, after the
// file name.
var brokenFixtures = map[string]string{
	"har-validator-invalid-log-set.har.json":   `:1:1: this is an object of 3 HAR documents keyed by name ("creator", "date", "version"), not one HAR`,
	"invalid-broken-json-mitmproxy.har":        `:2:1: "log" should be a JSON object, found an array`,
	"invalid-no-entries-harviewer.har":         `:2:9: "log" has no "entries" array`,
	"invalid-not-json-harviewer.har":           `:8:5: expected ',' or '}' after a value in "log", found 'x' (the file is not valid JSON here`,
	"jsonp-harp-wrapper-firebug.har":           `:1:1: this is a HAR wrapped in JavaScript (JSONP/HARP: onInputData( … );), not JSON`,
	"single-entry-fragment-haralyzer.har.json": `:1:1: this is a single HAR entry (it has "serverIPAddress"`,
}

var errLine = regexp.MustCompile(`^[^:\n]+:\d+:\d+: [^\n]+$`)

func TestPublicFixtures(t *testing.T) {
	dir := fixtureDir(t, "har-public")
	names, _ := filepath.Glob(filepath.Join(dir, "*.har*"))
	if len(names) != len(publicFixtures) {
		t.Errorf("%d files in %s, the test knows %d: update publicFixtures", len(names), dir, len(publicFixtures))
	}
	for _, path := range names {
		name := filepath.Base(path)
		want, known := publicFixtures[name]
		t.Run(name, func(t *testing.T) {
			if !known {
				t.Fatalf("no expectation for %s", name)
			}
			for _, keep := range []bool{false, true} {
				log, entries, err := ReadFile(path, ReadOptions{KeepBodies: keep})
				if want < 0 {
					if err == nil {
						t.Fatalf("read %d entries from a file broken on purpose", len(entries))
					}
					var he *Error
					if !errors.As(err, &he) || he.File != path || he.Line < 1 || he.Col < 1 {
						t.Fatalf("error %q is not an *Error naming the file and a position", err)
					}
					if !errLine.MatchString(err.Error()) || !strings.HasPrefix(err.Error(), path+":") {
						t.Fatalf("error is not one line 'file:line:col: message': %q", err)
					}
					if want := brokenFixtures[name]; !strings.HasPrefix(err.Error(), path+want) {
						t.Fatalf("error %q\nwant %s%s…", err, path, want)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if len(entries) != want {
					t.Fatalf("%d entries, SOURCES.md says %d", len(entries), want)
				}
				if log == nil {
					t.Fatal("no log")
				}
				for i, e := range entries {
					if e.Index != i {
						t.Fatalf("entry %d has Index %d", i, e.Index)
					}
					if e.Line < 1 {
						t.Fatalf("entry %d has no line", i)
					}
					if !keep && e.Response.Content.Text != "" {
						t.Fatalf("entry %d kept a response body without KeepBodies", i)
					}
				}
			}
		})
	}
}

// TestReadMatchesEncodingJSON checks the hand-written scanner against
// encoding/json on every valid public fixture: same entries, same values.
func TestNextAfterEOF(t *testing.T) {
	r, err := NewReader(strings.NewReader(`{"log":{"entries":[{"request":{"url":"https://a/"}}]}}`), "x.har", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Next()
	if err != nil || e.Request.URL != "https://a/" {
		t.Fatalf("first entry: %v %v", e, err)
	}
	for i := 0; i < 2; i++ {
		if _, err := r.Next(); err != io.EOF {
			t.Fatalf("after the last entry: %v, want io.EOF", err)
		}
	}
}
