package model

// Item is one thing that happens in a diagram, in top-to-bottom order:
// *Message, *Note, *BlockStart, *BlockSection, *BlockEnd, *Activation,
// *Create, *Destroy, *Autonumber or *Phase.
type Item interface {
	item()
}

func (*Message) item()      {}
func (*Note) item()         {}
func (*BlockStart) item()   {}
func (*BlockSection) item() {}
func (*BlockEnd) item()     {}
func (*Activation) item()   {}
func (*Create) item()       {}
func (*Destroy) item()      {}
func (*Autonumber) item()   {}
func (*Phase) item()        {}

// Message is an arrow from one lifeline to another (or to itself).
type Message struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Arrow Arrow  `json:"arrow"`
	// Text is the label; it may contain "\n" line breaks.
	Text string `json:"text"`
	// Wrap asks for the label to be wrapped to fit ("wrap:" prefix).
	Wrap bool `json:"wrap,omitempty"`
	// Activate starts an activation bar on To ("->>+").
	Activate bool `json:"activate,omitempty"`
	// Deactivate ends the newest activation bar on From ("->>-").
	Deactivate bool `json:"deactivate,omitempty"`
	// Step is a seqdoc extra: a label drawn as a badge at the arrow's start
	// ("3", "#3 / #8"). When set it replaces the autonumber badge.
	Step string `json:"step,omitempty"`
	// Implied is a seqdoc extra: the exchange happened but was not observed
	// (server to server); it is drawn faded and dashed.
	Implied bool `json:"implied,omitempty"`
	// Tooltip is a seqdoc extra: the full text shown on hover, for labels
	// that were shortened.
	Tooltip string `json:"tooltip,omitempty"`
	// Link is a seqdoc extra: where the arrow leads, a URL (usually
	// "#anchor" of something on the same page). The SVG wraps the arrow,
	// its label and its badge in an <a>, so a reader can follow it with a
	// click or the keyboard; javascript: and data: URLs are dropped.
	Link string `json:"link,omitempty"`
	// ID is a seqdoc extra: names the arrow, unique among the diagram's
	// messages and notes. The SVG gives the arrow's group the id
	// "<prefix>-<ID>" (see svg.Options.ID), for a page to link to it and
	// highlight it.
	ID string `json:"id,omitempty"`
	// AccDetail is a seqdoc extra: what a linked arrow's accessible name
	// says after what the arrow shows (its text and step), for example
	// "request 4, answered 302". Empty means "Browser to ALB": the sender
	// and the receiver. The name starts with what is shown, so that a
	// reader who says what they see (voice control) reaches the link.
	AccDetail string `json:"accDetail,omitempty"`
}

// NotePlacement says where a note sits relative to its participants.
type NotePlacement int

// The note placements.
const (
	RightOf NotePlacement = iota // "right of A"
	LeftOf                       // "left of A"
	Over                         // "over A" or "over A,B"
)

var placementNames = [...]string{"right of", "left of", "over"}

// String returns the Mermaid spelling ("right of", "left of", "over").
func (p NotePlacement) String() string {
	if p >= 0 && int(p) < len(placementNames) {
		return placementNames[p]
	}
	return "over"
}

// MarshalText spells the placement as String does, for JSON.
func (p NotePlacement) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Note is a text box beside or over one lifeline, or over two.
type Note struct {
	Placement NotePlacement `json:"placement"`
	// Participants holds one ID, or two for "over A,B" (left then as written).
	Participants []string `json:"participants"`
	Text         string   `json:"text"`
	Wrap         bool     `json:"wrap,omitempty"`
	// ID is a seqdoc extra, as Message.ID: the SVG gives the note the id
	// "<prefix>-<ID>".
	ID string `json:"id,omitempty"`
	// Link is a seqdoc extra, as Message.Link: the SVG draws the note as a
	// link to it, named by its text (Mermaid and PlantUML text drop it).
	Link string `json:"link,omitempty"`
}

// BlockKind is the kind of a framed block.
type BlockKind int

// The block kinds.
const (
	Loop     BlockKind = iota // "loop label"
	Alt                       // "alt label" … "else label" … "end"
	Opt                       // "opt label"
	Par                       // "par label" … "and label" … "end"
	Critical                  // "critical label" … "option label" … "end"
	Break                     // "break label"
	Rect                      // "rect colour": a background, no frame
	ParOver                   // "par_over label"
)

var blockNames = [...]string{"loop", "alt", "opt", "par", "critical", "break", "rect", "par_over"}

// String returns the Mermaid keyword of the kind.
func (k BlockKind) String() string {
	if k >= 0 && int(k) < len(blockNames) {
		return blockNames[k]
	}
	return "loop"
}

// MarshalText spells the kind as String does, for JSON.
func (k BlockKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// SectionKeyword is the keyword that separates the branches of a block of
// this kind ("else" for alt, "and" for par, "option" for critical), or "".
func (k BlockKind) SectionKeyword() string {
	switch k {
	case Alt:
		return "else"
	case Par, ParOver:
		return "and"
	case Critical:
		return "option"
	}
	return ""
}

// BlockStart opens a block; the matching BlockEnd closes it. Blocks nest.
type BlockStart struct {
	Kind BlockKind `json:"kind"`
	// Label is the condition or title ("every minute"); for Rect it is empty.
	Label string `json:"label,omitempty"`
	// Color is the background of a Rect, as written ("rgb(0, 255, 0)").
	Color string `json:"color,omitempty"`
}

// BlockSection starts another branch of the innermost open block: "else"
// in alt, "and" in par, "option" in critical.
type BlockSection struct {
	Label string `json:"label,omitempty"`
}

// BlockEnd closes the innermost open block.
type BlockEnd struct{}

// Activation starts ("activate A") or ends ("deactivate A") an activation bar.
// Bars stack: each activation of an active participant adds a bar.
type Activation struct {
	Participant string `json:"participant"`
	Active      bool   `json:"active"`
}

// Create marks where a created participant appears; the message that
// follows usually points at it.
type Create struct {
	Participant string `json:"participant"`
}

// Destroy marks where a participant's lifeline ends (at the next message
// that involves it).
type Destroy struct {
	Participant string `json:"participant"`
}

// Autonumber turns message numbering on or off from this point.
// Start and Step are 0 when not given (meaning 1 and 1); Mermaid allows up
// to two decimals ("autonumber 10.1 .01").
type Autonumber struct {
	Off   bool    `json:"off,omitempty"`
	Start float64 `json:"start,omitempty"`
	Step  float64 `json:"step,omitempty"`
}

// Phase is a seqdoc extra: a full-width labelled divider between parts of a
// flow ("Login", "App", "Logout").
type Phase struct {
	Label string `json:"label"`
}
