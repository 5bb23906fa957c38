package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBlockMistakesSayWhatWasMeant: a mistyped part, key or capture name
// in a ```seqdoc block gets the name it most likely misspells, and a
// capture that is not there is named as the page wrote it (relative to the
// page), with what its folder does hold. A user wrote "capture:
// auth/nothere.har" and read "capture cookbook/myapp/auth/nothere.har not
// found", a path relative to neither the page nor the working folder.
func TestBlockMistakesSayWhatWasMeant(t *testing.T) {
	fsys := fstest.MapFS{
		"app/auth/capture.har":        file("main"),
		"app/auth/wrong-password.har": file("other"),
		"top.md":                      file("```seqdoc steps\ncapture: app/auth/capture.har\n```\n\n```seqdoc steps\ncapture: app/auth/wrong.har\n```\n"),
		"app/fm/index.md":             file("---\ntitle: f\ncapture: nothere.har\n---\n```seqdoc diagram\n```\n\n```seqdoc steps\n```\n"),
		"app/empty/index.md":          file("---\ntitle: e\n---\n```seqdoc steps\n```\n"),
		"app/index.md": file("---\ntitle: t\n---\n" +
			"```seqdoc diagrm\n```\n\n" + // 4
			"```seqdoc steps\ncaptur: auth/capture.har\n```\n\n" + // 7, key on 8
			"```seqdoc steps\ncapture: auth/wrong-pasword.har\n```\n\n" + // 11
			"```seqdoc steps\ncapture: auth/nothere.har\n```\n\n" + // 15
			"```seqdoc steps\ncapture: ../elsewhere/x.har\n```\n\n" + // 19
			"```seqdoc diff\nold: auth/capture.har\nnew: auth/Capture.har\n```\n"), // 23
	}
	b, _ := fakeBuilder(fsys)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.String())
	}
	want := []string{
		`app/empty/index.md:4: seqdoc block: capture capture.har not found (paths are relative to the page; seqdoc import CAPTURE.har --to FOLDER writes FOLDER/capture.har, --name NAME writes NAME.har)`,
		// The front matter names it: the problem is there, once.
		`app/fm/index.md:3: seqdoc block: capture nothere.har not found (paths are relative to the page; seqdoc import CAPTURE.har --to FOLDER writes FOLDER/capture.har, --name NAME writes NAME.har); the front matter's capture: line names it`,
		`app/index.md:4: seqdoc block: unknown part "diagrm": did you mean "diagram"? (use one of: diagram, steps, glossary, findings, diff)`,
		`app/index.md:8: seqdoc block: "captur: auth/capture.har" is not a key: value line this block knows: did you mean "capture"? (keys: all, capture)`,
		`app/index.md:11: seqdoc block: capture auth/wrong-pasword.har not found: did you mean auth/wrong-password.har? (paths are relative to the page)`,
		`app/index.md:15: seqdoc block: capture auth/nothere.har not found (paths are relative to the page; auth/ holds capture.har, wrong-password.har)`,
		`app/index.md:19: seqdoc block: capture ../elsewhere/x.har not found (paths are relative to the page; seqdoc import CAPTURE.har --to FOLDER writes FOLDER/capture.har, --name NAME writes NAME.har)`,
		`app/index.md:23: seqdoc block: capture auth/Capture.har not found: did you mean auth/capture.har? (paths are relative to the page)`,
		// A page file at the top of the content folder.
		`top.md:5: seqdoc block: capture app/auth/wrong.har not found (paths are relative to the page; app/auth/ holds capture.har, wrong-password.har)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
