package golden

import (
	"os/exec"
	"strings"
	"testing"
)

// TestEveryTestBinaryTakesUpdate: every package's test binary links this
// package (and so takes its -update flag), so that "go test ./... -update"
// runs instead of stopping at "flag provided but not defined: -update". A
// package without golden files imports it blank (update_flag_test.go).
func TestEveryTestBinaryTakesUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: go list over the module")
	}
	out, err := exec.Command("go", "list", "-test", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "github.com/seqdoc/seqdoc/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, " ")
		if !strings.HasSuffix(pkg, ".test") {
			continue
		}
		n++
		if !strings.Contains(" "+deps+" ", " github.com/seqdoc/seqdoc/internal/golden ") && pkg != "github.com/seqdoc/seqdoc/internal/golden.test" {
			t.Errorf("%s does not take -update: import _ \"github.com/seqdoc/seqdoc/internal/golden\" in a _test.go file of the package", strings.TrimSuffix(pkg, ".test"))
		}
	}
	if n < 10 {
		t.Fatalf("only %d test binaries listed", n)
	}
}
