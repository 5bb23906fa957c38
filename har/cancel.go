package har

import (
	"context"
	"io"
	"os"
)

// cancelable returns r, or, when a read from r may wait without end (a
// pipe, a terminal, a socket: anything but a regular file) and ctx can be
// cancelled, a reader that stops with ctx's cause once ctx is cancelled.
func cancelable(ctx context.Context, r io.Reader) io.Reader {
	if ctx == nil {
		return r
	}
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return r
		}
	}
	if ctx.Done() == nil {
		return r // a context that is never cancelled
	}
	return &ctxReader{ctx: ctx, r: r, buf: make([]byte, 64<<10), res: make(chan readResult, 1)}
}

// ctxReader reads from r in a goroutine into its own buffer, so that Read
// can return when ctx is cancelled while r's Read still waits. That
// goroutine then stays blocked until r returns (or the process ends); it
// never touches the caller's buffer.
type ctxReader struct {
	ctx  context.Context
	r    io.Reader
	buf  []byte
	data []byte // read from r, not yet returned
	err  error  // r's error, returned after data
	res  chan readResult
	busy bool // a read of r is under way
}

type readResult struct {
	n   int
	err error
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, context.Cause(c.ctx)
	}
	if len(c.data) == 0 && c.err == nil {
		if !c.busy {
			c.busy = true
			go func() {
				n, err := c.r.Read(c.buf)
				c.res <- readResult{n, err}
			}()
		}
		select {
		case <-c.ctx.Done():
			return 0, context.Cause(c.ctx)
		case r := <-c.res:
			c.busy = false
			c.data, c.err = c.buf[:r.n], r.err
		}
	}
	if len(c.data) > 0 {
		n := copy(p, c.data)
		c.data = c.data[n:]
		return n, nil
	}
	return 0, c.err
}
