package main

import (
	"os"
	"runtime"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"seqdoc": func() { os.Exit(main1()) },
	})
}

// TestScript runs the command-line scenarios in testdata/script. Scripts that
// need the shared fixtures get $SHARED (the ../shared folder) and skip with a
// message when it is absent; $REPO is the repository's root.
func TestScript(t *testing.T) {
	shared, _ := os.Getwd()
	repo := shared + "/../.."
	shared = shared + "/../../../shared"
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: false,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
			env.Setenv("REPO", repo) // the repository's root, for its committed inputs
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "unix" {
				return runtime.GOOS != "windows" && runtime.GOOS != "plan9", nil
			}
			if cond == "shared" {
				_, err := os.Stat(shared + "/fixtures")
				return err == nil, nil
			}
			return false, nil
		},
		Cmds:          allScriptCmds(),
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

// allScriptCmds are our own testscript commands: the platform's and the
// capture makers.
func allScriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){}
	for k, v := range scriptCmds {
		cmds[k] = v
	}
	for k, v := range harCmds {
		cmds[k] = v
	}
	return cmds
}
