package model

// Head is the mark drawn at one end of a message line.
type Head int

// The arrow heads Mermaid knows.
const (
	HeadNone        Head = iota // a plain line end ("->")
	HeadFilled                  // a filled triangle ("->>")
	HeadCross                   // an X ("-x")
	HeadOpen                    // an open, async arrow ("-)")
	HeadHalfTop                 // the upper half of a filled triangle ("-|\")
	HeadHalfBottom              // the lower half of a filled triangle ("-|/")
	HeadStickTop                // the upper stroke of an open arrow ("-\\")
	HeadStickBottom             // the lower stroke of an open arrow ("-//")
)

var headNames = [...]string{"none", "filled", "cross", "open", "half-top", "half-bottom", "stick-top", "stick-bottom"}

// String names the head ("filled", "cross" …).
func (h Head) String() string {
	if h >= 0 && int(h) < len(headNames) {
		return headNames[h]
	}
	return "none"
}

// MarshalText spells the head as String does, for JSON.
func (h Head) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// Arrow is the look of a message line: solid or dotted, and what sits at
// each end.
type Arrow struct {
	// Dotted draws a dashed line ("-->>"), used for replies.
	Dotted bool `json:"dotted,omitempty"`
	// Head is drawn at the receiving end (To).
	Head Head `json:"head"`
	// Tail is drawn at the sending end (From): HeadFilled for "<<->>",
	// a half head for the reverse forms ("/|-").
	Tail Head `json:"tail,omitempty"`
	// CentralFrom and CentralTo draw a small circle where the line leaves
	// or meets a lifeline ("()->>()").
	CentralFrom bool `json:"centralFrom,omitempty"`
	CentralTo   bool `json:"centralTo,omitempty"`
}

// Common arrows, for code that builds diagrams.
var (
	// Call is a solid line with a filled head ("->>"): a request.
	Call = Arrow{Head: HeadFilled}
	// Reply is a dotted line with a filled head ("-->>"): a response.
	Reply = Arrow{Dotted: true, Head: HeadFilled}
)
