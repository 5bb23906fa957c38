package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/seqdoc/seqdoc/har/check"
)

// TestREADMECIExample reads the README's GitHub Actions workflow as
// GitHub would (YAML) and checks what a user copies from it: a step runs
// seqdoc check with --format sarif into a file (its arguments accepted by
// seqdoc's own check command), a later step uploads that same file with
// github/codeql-action/upload-sarif, also when the check failed, and the
// job may write security events.
func TestREADMECIExample(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var workflow string
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(src), -1) {
		if strings.Contains(m[1], "upload-sarif") {
			workflow = m[1]
		}
	}
	if workflow == "" {
		t.Fatal("the README has no GitHub Actions workflow that uploads SARIF")
	}
	var wf struct {
		Permissions map[string]string
		Jobs        map[string]struct {
			Steps []struct {
				Name, Uses, Run, If string
				With                map[string]string
			}
		}
	}
	if err := yaml.Unmarshal([]byte(workflow), &wf); err != nil {
		t.Fatalf("the README's workflow is not YAML: %v", err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Errorf("permissions %v: upload-sarif needs security-events: write", wf.Permissions)
	}
	checked := 0
	for name, job := range wf.Jobs {
		sarif := ""
		for _, st := range job.Steps {
			if args, ok := strings.CutPrefix(st.Run, "seqdoc check "); ok {
				var got *checkOptions
				cmd := newCheckCmdWith(&Streams{}, func(_ context.Context, o *checkOptions) error { got = o; return nil })
				cmd.SetArgs(strings.Fields(args))
				cmd.SetOut(new(strings.Builder))
				if err := cmd.Execute(); err != nil || got == nil {
					t.Fatalf("job %s: seqdoc check refuses the README's %q: %v", name, st.Run, err)
				}
				if got.Format != check.FormatSARIF || got.Output == "" {
					t.Errorf("job %s: %q does not write SARIF to a file", name, st.Run)
				}
				sarif = got.Output
			}
			if strings.HasPrefix(st.Uses, "github/codeql-action/upload-sarif@") {
				if sarif == "" || st.With["sarif_file"] != sarif {
					t.Errorf("job %s: upload-sarif uploads %q, the check before it wrote %q", name, st.With["sarif_file"], sarif)
				}
				if !strings.Contains(st.If, "always()") {
					t.Errorf("job %s: upload-sarif runs only when the check passed (if: %q): the alerts matter when it fails", name, st.If)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Error("no job runs seqdoc check --format sarif and then upload-sarif")
	}
}
