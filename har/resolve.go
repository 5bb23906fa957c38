package har

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ResolveCapture returns the capture file that path names: path itself, or,
// when path is a folder, the one capture (*.har, *.har.gz) directly in it.
// A folder with none or several is an error that says what to do (and
// names the captures). "-" (standard input) is returned as it is.
func ResolveCapture(path string) (string, error) {
	if path == "-" {
		return path, nil
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		return path, nil // Open says what is wrong with it
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", err
	}
	var found []string
	for _, e := range entries {
		n := strings.ToLower(e.Name())
		if !e.IsDir() && (strings.HasSuffix(n, ".har") || strings.HasSuffix(n, ".har.gz")) {
			found = append(found, filepath.Join(path, e.Name()))
		}
	}
	sort.Strings(found)
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("%s is a folder with no capture in it (*.har, *.har.gz): name the HAR file the browser saved (DevTools, Network panel: \"Save all as HAR\" or \"Export HAR\")", path)
	}
	list := found
	if len(list) > 5 {
		list = append(list[:5:5], fmt.Sprintf("… (%d in all)", len(found)))
	}
	return "", fmt.Errorf("%s is a folder with %d captures: name the one to read, e.g. %s (%s)", path, len(found), found[0], strings.Join(list, ", "))
}
