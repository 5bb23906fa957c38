package check

import (
	"context"
	"io"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// readFlow reads, redacts and classifies one capture ("-": stdin) through
// package capture, the one pipeline every command shares.
func readFlow(ctx context.Context, path string, stdin io.Reader) (*authflow.Flow, error) {
	c, err := capture.ReadPath(ctx, path, stdin, capture.Options{})
	if err != nil {
		return nil, err
	}
	return c.Flow, nil
}
