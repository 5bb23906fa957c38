package site

import (
	"crypto/sha256"
	"fmt"
)

// captureAnalyzer reads a HAR capture and produces the parts seqdoc blocks
// place. It must redact: nothing secret in data may reach the parts. It is
// called from several goroutines at once, once per distinct capture.
type captureAnalyzer interface {
	analyze(name string, data []byte) (*captureParts, error)
}

// captureParts are a capture's generated parts; the tables hold plain text.
type captureParts struct {
	Diagram    []byte // SVG of the sign-in flow
	DiagramAll []byte // SVG with every entry (assets, third parties)
	DiagramErr error
	Steps      table // the classified entries of the flow
	StepsAll   table // every entry
	Glossary   table // every cookie and header taking part
	Findings   []finding
}

func (c *captureParts) diagram(all bool) ([]byte, error) {
	if c.DiagramErr != nil {
		return nil, c.DiagramErr
	}
	if all && c.DiagramAll != nil {
		return c.DiagramAll, nil
	}
	return c.Diagram, nil
}

func (c *captureParts) steps(all bool) table {
	if all && c.StepsAll.Head != nil {
		return c.StepsAll
	}
	return c.Steps
}

func (c *captureParts) glossary() table { return c.Glossary }

func (c *captureParts) findings() []finding { return c.Findings }

// captureError is a problem in a capture's content at a position of the
// file (what package har reports), so that a build lists it at the capture
// itself: content/app/auth/capture.har:781:21: message.
type captureError struct {
	Line, Col int // 1-based; 0 when the problem has no position
	Msg       string
}

func (e *captureError) Error() string { return e.Msg }

// captureCache analyzes each distinct capture (by content hash) once.
type captureCache struct {
	a     captureAnalyzer
	cache hashCache[*captureParts]
}

func (c *captureCache) load(name string, data []byte) (*captureParts, error) {
	return c.cache.get(sha256.Sum256(data), func() (*captureParts, error) {
		if c.a == nil {
			return nil, fmt.Errorf("this seqdoc was built without capture support")
		}
		return c.a.analyze(name, data)
	})
}
