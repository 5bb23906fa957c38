package record

import (
	"errors"
	"strings"
	"testing"
)

// TestFindBrowser: the first candidate that exists wins; none found, the
// message lists where it looked.
func TestFindBrowser(t *testing.T) {
	have := map[string]string{"google-chrome": "/usr/bin/google-chrome", "/opt/microsoft/msedge/msedge": "/opt/microsoft/msedge/msedge"}
	look := func(c string) (string, error) {
		if p, ok := have[c]; ok {
			return p, nil
		}
		return "", errors.New("not found")
	}
	got, err := findIn(candidates("linux", func(string) string { return "" }), look)
	if err != nil || got != "/usr/bin/google-chrome" {
		t.Errorf("linux: %q, %v (chromium and chromium-browser first, then google-chrome)", got, err)
	}
	_, err = findIn(candidates("darwin", func(k string) string { return map[string]string{"HOME": "/Users/a"}[k] }), func(string) (string, error) { return "", errors.New("no") })
	var nf *BrowserNotFoundError
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome") ||
		!strings.Contains(err.Error(), "/Users/a/Applications/Microsoft Edge.app") || !strings.Contains(err.Error(), "--browser PATH") {
		t.Errorf("darwin, none: %v", err)
	}
	win := candidates("windows", func(k string) string { return map[string]string{"ProgramFiles": `C:\Program Files`}[k] })
	if !strings.Contains(strings.Join(win, "|"), `C:\Program Files\Microsoft\Edge\Application\msedge.exe`) {
		t.Errorf("windows: %v", win)
	}
	if _, err := FindBrowser("/nonexistent/chrome"); err == nil || !strings.Contains(err.Error(), "--browser /nonexistent/chrome") {
		t.Errorf("--browser that does not exist: %v", err)
	}
}
