//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/internal/umask"
)

// TestCreatedEntriesFollowTheUmask: whatever the umask, a written file, a
// new file and a temporary folder get 0666/0777 &^ umask, not the 0600/0700
// of os.CreateTemp and os.MkdirTemp (a published site served by another
// user answered 403).
func TestCreatedEntriesFollowTheUmask(t *testing.T) {
	for _, m := range []int{0o022, 0o002, 0o077, 0o027} {
		umask.Set(t, m)
		root := filepath.Join(t.TempDir(), "root")
		if err := os.Mkdir(root, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(filepath.Join(root, "out.svg"), []byte("<svg/>"), false); err != nil {
			t.Fatal(err)
		}
		// Replacing a file whose mode was narrower gives the umask's too.
		if err := os.WriteFile(filepath.Join(root, "old.svg"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(filepath.Join(root, "old.svg"), []byte("<svg/>"), true); err != nil {
			t.Fatal(err)
		}
		if ok, err := WriteNew(filepath.Join(root, "index.md"), []byte("# page"), true); !ok || err != nil {
			t.Fatalf("WriteNew = %v, %v", ok, err)
		}
		d, err := MkdirTemp(root, ".public.tmp-")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(filepath.Base(d), ".public.tmp-") {
			t.Errorf("MkdirTemp made %s", d)
		}
		f, err := CreateTemp(d, ".x.*.tmp")
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if n := filepath.Base(f.Name()); !strings.HasPrefix(n, ".x.") || !strings.HasSuffix(n, ".tmp") {
			t.Errorf("CreateTemp made %s", n)
		}
		if err := umask.Check(root, m); err != nil {
			t.Error(err)
		}
	}
}
