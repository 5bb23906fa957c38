package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/hartest"
)

// harCmds are the testscript commands that make captures (package
// internal/hartest), so that scripts need no large capture inline:
//
//	hargen [-seed N] [-wrong-password] [-insecure-session] [-keep-alb-session] [-shards N] [-api N] FILE
//	hartwin SRC DST   # DST: SRC's buggy-logout twin (the ALB session outlives the logout)
var harCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"hargen": func(ts *testscript.TestScript, neg bool, args []string) {
		var o hartest.Options
		fs := flag.NewFlagSet("hargen", flag.ContinueOnError)
		fs.Int64Var(&o.Seed, "seed", 0, "")
		fs.BoolVar(&o.WrongPassword, "wrong-password", false, "")
		fs.BoolVar(&o.InsecureSession, "insecure-session", false, "")
		fs.BoolVar(&o.KeepALBSession, "keep-alb-session", false, "")
		fs.IntVar(&o.Shards, "shards", 0, "")
		fs.IntVar(&o.APICalls, "api", 0, "")
		if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
			ts.Fatalf("usage: hargen [-seed N] [-wrong-password] [-insecure-session] [-keep-alb-session] [-shards N] [-api N] FILE")
		}
		writeFile(ts, fs.Arg(0), hartest.Bytes(o))
	},
	"hartwin": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: hartwin SRC DST")
		}
		log, entries, err := readAll(ts.MkAbs(args[0]))
		ts.Check(err)
		writeFile(ts, args[1], hartest.Write(log, hartest.KeepALBSession(entries)))
	},
}

// writeFile writes a file of the script's work folder, making its folder.
func writeFile(ts *testscript.TestScript, name string, data []byte) {
	p := ts.MkAbs(name)
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o777))
	ts.Check(os.WriteFile(p, data, 0o666))
}

func readAll(path string) (*har.Log, []*har.Entry, error) {
	r, err := har.Open(path, har.ReadOptions{})
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	var entries []*har.Entry
	for {
		e, err := r.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return r.Log(), entries, nil
			}
			return nil, nil, err
		}
		entries = append(entries, e)
	}
}
