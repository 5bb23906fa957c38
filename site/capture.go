package site

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// captureAnalyzer reads a HAR capture and produces the parts seqdoc blocks
// place. It must redact: nothing secret in the capture may reach the parts.
// It reads the capture as a stream from open (a capture can be larger than
// the memory a build should take: never read it whole). It is called from
// several goroutines at once, once per distinct capture.
type captureAnalyzer interface {
	analyze(name string, open func() (io.ReadCloser, error)) (*captureParts, error)
}

// captureParts are a capture's generated parts; the tables hold plain text.
//
// The flow diagrams are models, drawn for each page that places them: an
// arrow links to its entry's row only on a page whose requests table has
// that row (see drawKey), so that no link leads nowhere.
type captureParts struct {
	Flow       *model.Diagram // the sign-in flow, runs of assets folded
	FlowAll    *model.Diagram // with every entry (assets, third parties)
	DiagramErr error          // the flow could not be drawn
	Steps      table          // the classified entries of the flow
	StepsAll   table          // every entry
	Glossary   table          // every cookie and header taking part; Refs say where
	Findings   []finding
	classified *authflow.Flow // the classification, for seqdoc diff blocks

	id string // prefix of the ids in its diagrams, from the capture's hash

	mu    sync.Mutex
	drawn map[drawKey]drawn
}

// rowsKind says which requests table of a capture a page shows first, if
// any: the one its diagram's arrows link to.
type rowsKind uint8

const (
	rowsNone   rowsKind = iota // no table of this capture: arrows do not link
	rowsFolded                 // the table without assets and third parties
	rowsAll                    // the table with every entry
)

// drawKey is one drawing of a capture's diagram.
type drawKey struct {
	all      bool
	rows     rowsKind
	findings bool   // the page lists this capture's findings: notes link to them
	format   string // "svg" or "mermaid"
}

type drawn struct {
	data []byte
	err  error
}

func (c *captureParts) flow(all bool) *model.Diagram {
	if all && c.FlowAll != nil {
		return c.FlowAll
	}
	return c.Flow
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

// diagramID is the id prefix of the diagram: distinct for the folded and
// the complete drawing, so that both can sit on one page.
func (c *captureParts) diagramID(all bool) string {
	if all {
		return c.id + "a"
	}
	return c.id
}

// draw returns the diagram as SVG (arrows linking to the rows of the table
// rows names) or as Mermaid text, drawn once per key.
func (c *captureParts) draw(key drawKey, render modelRenderer) ([]byte, error) {
	if c.DiagramErr != nil {
		return nil, c.DiagramErr
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.drawn[key]; ok {
		return d.data, d.err
	}
	d := c.flow(key.all)
	if d == nil {
		return nil, fmt.Errorf("the capture has no flow diagram")
	}
	if key.format == "svg" {
		d = c.linked(d, c.rowSet(key.rows), key.findings)
	}
	data, err := render(d, key.format, c.diagramID(key.all))
	if c.drawn == nil {
		c.drawn = map[drawKey]drawn{}
	}
	c.drawn[key] = drawn{data, err}
	return data, err
}

// rowSet is the set of entries that have a row in a requests table.
func (c *captureParts) rowSet(rows rowsKind) map[int]bool {
	var t table
	switch rows {
	case rowsFolded:
		t = c.steps(false)
	case rowsAll:
		t = c.steps(true)
	default:
		return nil
	}
	set := make(map[int]bool, len(t.Rows))
	for _, r := range t.Rows {
		if len(r) > 0 {
			if n, err := strconv.Atoi(r[0].Text); err == nil {
				set[n] = true
			}
		}
	}
	return set
}

// linked returns a copy of d whose arrows link only to rows that exist: a
// folded run links to its first entry that has a row, an arrow without a
// row links nowhere; a note linking to a finding keeps its link only when
// the page lists the capture's findings (findings). Arrows of an entry get an accessible name saying the
// request, its status and its AWS steps, as the table's row does.
func (c *captureParts) linked(d *model.Diagram, rows map[int]bool, findings bool) *model.Diagram {
	info := map[int][]cell{}
	for _, r := range c.steps(true).Rows {
		if n, err := strconv.Atoi(r[0].Text); err == nil && len(r) >= 5 {
			info[n] = r
		}
	}
	cp := *d
	cp.Items = make([]model.Item, len(d.Items))
	for i, it := range d.Items {
		if n, ok := it.(*model.Note); ok && strings.HasPrefix(n.Link, "#finding-") && !findings {
			nn := *n // the page lists no findings of this capture
			nn.Link = ""
			cp.Items[i] = &nn
			continue
		}
		m, ok := it.(*model.Message)
		if !ok {
			cp.Items[i] = it
			continue
		}
		mm := *m
		mm.Link = ""
		if a, b, ok := entryRange(m.Link, m.ID); ok {
			for n := a; n <= b; n++ {
				if rows[n] {
					mm.Link = "#entry-" + strconv.Itoa(n)
					break
				}
			}
			mm.AccDetail = arrowDetail(m, a, b, info)
		}
		cp.Items[i] = &mm
	}
	return &cp
}

// entryRange reads the entries an arrow stands for from its link
// ("#entry-N") and id ("eA-B" for a folded run).
func entryRange(link, id string) (a, b int, ok bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(link, "#entry-"))
	if err != nil || !strings.HasPrefix(link, "#entry-") {
		return 0, 0, false
	}
	a, b = n, n
	if rest, ok := strings.CutPrefix(strings.TrimSuffix(id, "r"), "e"+strconv.Itoa(n)+"-"); ok {
		if m, err := strconv.Atoi(rest); err == nil && m >= n {
			b = m
		}
	}
	return a, b, true
}

// arrowDetail is what an entry's arrow's accessible name says after what
// the arrow shows: "request 4, answered 302, AWS steps #3 [#4 #5 #6 #7]
// #8", "response to request 4, AWS steps …"; for a folded run "requests 6
// to 10". Implied arrows keep the drawing's own words.
func arrowDetail(m *model.Message, a, b int, info map[int][]cell) string {
	if m.Implied || m.ID == "" {
		return ""
	}
	reply := strings.HasSuffix(m.ID, "r")
	if a != b {
		if reply {
			return fmt.Sprintf("responses to requests %d to %d", a, b)
		}
		return fmt.Sprintf("requests %d to %d", a, b)
	}
	r := info[a]
	var s string
	if reply {
		s = fmt.Sprintf("response to request %d", a)
	} else {
		s = fmt.Sprintf("request %d", a)
		if r != nil {
			s += ", answered " + r[2].Text
		}
	}
	if r != nil && r[4].Text != "–" {
		s += ", AWS steps " + r[4].Text
	}
	return s
}

// entryIDs are the ids (without the diagram's prefix) of what a diagram
// draws for one entry: its request and response arrows and its note, with
// the note's text.
type entryIDs struct{ req, res, note, noteText string }

// arrows maps each entry to what the diagram draws for it; entries of a
// folded run share the run's arrows.
func (c *captureParts) arrows(all bool) map[int]entryIDs {
	d := c.flow(all)
	if d == nil {
		return nil
	}
	out := map[int]entryIDs{}
	for _, it := range d.Items {
		var id, link, text string
		switch it := it.(type) {
		case *model.Message:
			id, link = it.ID, it.Link
		case *model.Note:
			id, text = it.ID, it.Text
			link = "#entry-" + strings.TrimSuffix(strings.TrimPrefix(id, "e"), "n")
		}
		a, b, ok := entryRange(link, id)
		if id == "" || !ok {
			continue
		}
		for n := a; n <= b; n++ {
			e := out[n]
			switch {
			case strings.HasSuffix(id, "n"):
				e.note, e.noteText = id, text
			case strings.HasSuffix(id, "r"):
				e.res = id
			default:
				e.req = id
			}
			out[n] = e
		}
	}
	return out
}

// captureCache analyzes each distinct capture (by content hash) once.
type captureCache struct {
	a     captureAnalyzer
	cache hashCache[*captureParts]
}

// load returns the parts of the capture name of fsys, whose content hashes
// to key (hashFile), analyzed once per distinct content.
func (c *captureCache) load(fsys fs.FS, name string, key [32]byte) (*captureParts, error) {
	return c.cache.get(key, func() (*captureParts, error) {
		if c.a == nil {
			return nil, fmt.Errorf("this seqdoc was built without capture support")
		}
		p, err := c.a.analyze(name, func() (io.ReadCloser, error) { return fsys.Open(name) })
		if p != nil {
			p.id = fmt.Sprintf("c%x", key[:4])
		}
		return p, err
	})
}

// hashFile is the SHA-256 of a content file, read as a stream: a capture
// is hashed without being held in memory.
func hashFile(fsys fs.FS, name string) ([32]byte, error) {
	var sum [32]byte
	f, err := fsys.Open(name)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}
