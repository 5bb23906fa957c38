package capture

import (
	"bytes"
	"context"
	"io"

	"github.com/seqdoc/seqdoc/har"
)

// Source yields the entries of one capture, in capture order. *har.Reader
// is one; Open, FromReader, FromBytes and FromEntries make the others.
type Source interface {
	// Next returns the next entry, and io.EOF after the last one. The
	// pipeline redacts the entry in place and does not keep it.
	Next() (*har.Entry, error)
	// Log returns the capture-level fields read so far (never nil); they
	// are complete once Next has returned io.EOF, since some exporters
	// write pages after the entries.
	Log() *har.Log
}

// progressSource is a Source that can say how many bytes of its file it
// has read (Options.Progress).
type progressSource interface {
	BytesRead() int64
}

// Open opens the capture at path ("-": stdin, os.Stdin when nil),
// gzip-compressed or not (told by its first bytes), and reads up to its
// first entry; bodies are skipped. Errors in the content are *har.Error
// values ("login.har:LINE:COL: what is wrong"). Reading stops with ctx's
// cause once ctx is cancelled, even while it waits for input that does not
// come (a pipe, a terminal). Close the reader after use.
func Open(ctx context.Context, path string, stdin io.Reader) (*har.Reader, error) {
	r, err := har.Open(path, har.ReadOptions{Stdin: stdin, Context: ctx})
	if err != nil {
		return nil, interrupted(ctx, err)
	}
	return r, nil
}

// FromBytes reads a capture held in memory; name is used in error
// messages.
func FromBytes(name string, data []byte) (*har.Reader, error) {
	return FromReader(name, bytes.NewReader(data))
}

// FromReader reads a capture from r as a stream, as Open reads a file
// (gzip told by its first bytes, bodies skipped): the site reads a page
// bundle's capture so, never whole. name is used in error messages.
func FromReader(name string, r io.Reader) (*har.Reader, error) {
	return har.NewReader(r, name, har.ReadOptions{})
}

// FromEntries is a capture built in memory: log (nil: an empty one) and its
// entries in capture order, as seqdoc record builds them from the DevTools
// protocol, so that they take the same redact → classify → write path as an
// imported file and no raw secret reaches the disk. Each entry's Index is
// set to its position in entries; the entries are redacted in place as
// they pass.
func FromEntries(log *har.Log, entries []*har.Entry) Source {
	if log == nil {
		log = &har.Log{}
	}
	return &memory{log: log, entries: entries}
}

type memory struct {
	log     *har.Log
	entries []*har.Entry
	next    int
}

func (m *memory) Next() (*har.Entry, error) {
	if m.next >= len(m.entries) {
		return nil, io.EOF
	}
	e := m.entries[m.next]
	e.Index = m.next
	m.next++
	return e, nil
}

func (m *memory) Log() *har.Log { return m.log }
