package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Streams are the command's standard streams. Packages never touch os.Stdout;
// commands pass these down.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// isTerminal reports whether w is an interactive terminal (for progress bars).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
