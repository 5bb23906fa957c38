package check

import (
	"context"
	"io"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// readFlow reads, redacts and classifies one capture ("-": stdin): the one
// pipeline every command shares.
func readFlow(_ context.Context, path string, stdin io.Reader) (*authflow.Flow, error) {
	return authflow.ClassifyFile(path, har.ReadOptions{Stdin: stdin})
}
