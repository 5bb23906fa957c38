//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

// scriptCmds are the testscript commands of our own (none outside Unix).
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){}
