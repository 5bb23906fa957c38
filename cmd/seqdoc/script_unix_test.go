//go:build unix

package main

import (
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/seqdoc/seqdoc/internal/umask"
)

// scriptCmds are the testscript commands of our own.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// modes PATH UMASK: every folder under PATH is 0777 &^ UMASK and every
	// file 0666 &^ UMASK (octal).
	"modes": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: modes PATH UMASK")
		}
		m, err := strconv.ParseUint(args[1], 8, 12)
		ts.Check(err)
		err = umask.Check(ts.MkAbs(args[0]), int(m))
		if neg {
			if err == nil {
				ts.Fatalf("%s follows umask %s", args[0], args[1])
			}
			return
		}
		ts.Check(err)
	},
}
