package main

import (
	"os"
	"os/exec"
	"runtime"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// seqdocEnv, set in a child's environment, makes the test binary run as
// seqdoc with the arguments after "--" (seqdocCommand): for the tests that
// measure or signal a real seqdoc process.
const seqdocEnv = "SEQDOC_TEST_AS_SEQDOC"

func TestMain(m *testing.M) {
	if os.Getenv(seqdocEnv) == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Exit(run(&Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, args))
	}
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

// seqdocCommand is seqdoc args run in a process of its own (this test
// binary, as TestMain's seqdocEnv makes it).
func seqdocCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"--"}, args...)...)
	cmd.Env = append(os.Environ(), seqdocEnv+"=1")
	return cmd
}
