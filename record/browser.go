package record

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// BrowserNotFoundError says that no Chrome, Chromium or Edge was found, and
// where seqdoc looked.
type BrowserNotFoundError struct {
	Tried []string
}

func (e *BrowserNotFoundError) Error() string {
	return "no Chrome, Chromium or Edge found (tried " + strings.Join(e.Tried, ", ") +
		"): install one, or name it with --browser PATH"
}

// candidates are the names (looked up on PATH) and paths where a
// Chromium-based browser lives on the operating system goos.
func candidates(goos string, getenv func(string) string) []string {
	switch goos {
	case "darwin":
		home := getenv("HOME")
		var out []string
		for _, app := range []string{
			"Google Chrome.app/Contents/MacOS/Google Chrome",
			"Chromium.app/Contents/MacOS/Chromium",
			"Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			"Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
		} {
			out = append(out, "/Applications/"+app)
			if home != "" {
				out = append(out, home+"/Applications/"+app)
			}
		}
		return append(out, "google-chrome", "chromium", "microsoft-edge")
	case "windows":
		out := []string{"chrome.exe", "msedge.exe"}
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			base := getenv(env)
			if base == "" {
				continue
			}
			out = append(out,
				base+`\Google\Chrome\Application\chrome.exe`,
				base+`\Chromium\Application\chrome.exe`,
				base+`\Microsoft\Edge\Application\msedge.exe`)
		}
		return out
	default:
		return []string{
			"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
			"microsoft-edge", "microsoft-edge-stable", "chrome",
			"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
			"/snap/bin/chromium", "/opt/google/chrome/chrome", "/opt/microsoft/msedge/msedge",
		}
	}
}

// FindBrowser returns the browser to run: path when it is given (it must
// exist and be executable), else the first Chrome, Chromium or Edge found
// on PATH or in the usual install locations.
func FindBrowser(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("--browser %s: %v", path, unwrapExec(err))
		}
		return p, nil
	}
	return findIn(candidates(runtime.GOOS, os.Getenv), exec.LookPath)
}

func findIn(cands []string, look func(string) (string, error)) (string, error) {
	var tried []string
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c] {
			continue
		}
		seen[c] = true
		if p, err := look(c); err == nil {
			return p, nil
		}
		if filepath.IsAbs(c) {
			tried = append(tried, c)
		} else {
			tried = append(tried, c+" on PATH")
		}
	}
	return "", &BrowserNotFoundError{Tried: tried}
}

func unwrapExec(err error) error {
	if e, ok := err.(*exec.Error); ok {
		return e.Err
	}
	return err
}
