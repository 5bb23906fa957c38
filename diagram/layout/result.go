package layout

import "github.com/seqdoc/seqdoc/diagram/model"

// Result is a laid-out diagram: every coordinate the SVG writer needs, in
// CSS pixels, origin top left, y growing down.
type Result struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	// Title is the diagram title, or nil.
	Title *Text `json:"title,omitempty"`
	// AccTitle and AccDescr are the accessible title and description.
	AccTitle string `json:"accTitle,omitempty"`
	AccDescr string `json:"accDescr,omitempty"`

	Groups       []Group       `json:"groups,omitempty"`
	Participants []Participant `json:"participants"`
	Frames       []Frame       `json:"frames,omitempty"`
	Activations  []Rect        `json:"activations,omitempty"`
	Phases       []Phase       `json:"phases,omitempty"`
	Messages     []Message     `json:"messages"`
	Notes        []Note        `json:"notes,omitempty"`
}

// Rect is an axis-aligned rectangle.
type Rect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Right returns the x of the right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom returns the y of the bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Overlaps reports whether r and o share any area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Point is a position.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Anchor says which point of a text its X names.
type Anchor string

// The text anchors, as SVG spells them.
const (
	Start  Anchor = "start"
	Middle Anchor = "middle"
	End    Anchor = "end"
)

// Text is a block of lines. X, Y is the anchor point of the first
// line's baseline; each further line is LineHeight lower. Box is the
// space the text takes, for overlap checks and backgrounds.
type Text struct {
	Lines      []string  `json:"lines"`
	X          float64   `json:"x"`
	Y          float64   `json:"y"`
	Anchor     Anchor    `json:"anchor"`
	Style      TextStyle `json:"style"`
	LineHeight float64   `json:"lineHeight"`
	Box        Rect      `json:"box"`
	// Tooltip is the whole text when Lines had to be shortened.
	Tooltip string `json:"tooltip,omitempty"`
}

// Participant is a lifeline with its box at the top (and, when mirrored,
// at the bottom).
type Participant struct {
	ID    string                `json:"id"`
	Kind  model.ParticipantKind `json:"kind"`
	X     float64               `json:"x"` // the lifeline
	Top   Rect                  `json:"top"`
	Label Text                  `json:"label"`
	// Bottom is the mirrored box; nil when not mirrored or destroyed.
	Bottom      *Rect `json:"bottom,omitempty"`
	BottomLabel *Text `json:"bottomLabel,omitempty"`
	// Lifeline runs from Y1 to Y2 at X.
	Y1 float64 `json:"y1"`
	Y2 float64 `json:"y2"`
	// Destroyed draws a cross at the end of the lifeline.
	Destroyed bool         `json:"destroyed,omitempty"`
	Links     []model.Link `json:"links,omitempty"`
}

// Group is a participant box ("box … end").
type Group struct {
	Rect  Rect   `json:"rect"`
	Color string `json:"color,omitempty"`
	Label *Text  `json:"label,omitempty"`
}

// Message is an arrow with its label and badge.
type Message struct {
	// Points is the line from sender to receiver: two points, or four for
	// a self-message loop.
	Points  []Point     `json:"points"`
	Arrow   model.Arrow `json:"arrow"`
	Implied bool        `json:"implied,omitempty"`
	Label   Text        `json:"label"`
	// Badge is the sequence number or step label, or nil.
	Badge *Badge `json:"badge,omitempty"`
	// From and To are participant indexes.
	From int  `json:"from"`
	To   int  `json:"to"`
	Self bool `json:"self,omitempty"`
	// Link, ID and AccDetail are the model message's (see model.Message).
	Link      string `json:"link,omitempty"`
	ID        string `json:"id,omitempty"`
	AccDetail string `json:"accDetail,omitempty"`
}

// Badge is a number or step label in a circle (a pill when longer).
type Badge struct {
	Rect Rect   `json:"rect"`
	Text string `json:"text"`
	// TextX, TextY is the centre baseline point of Text.
	TextX float64 `json:"textX"`
	TextY float64 `json:"textY"`
	Size  float64 `json:"size"`
}

// Note is a note box.
type Note struct {
	Rect Rect   `json:"rect"`
	Text Text   `json:"text"`
	ID   string `json:"id,omitempty"`   // the model note's
	Link string `json:"link,omitempty"` // the model note's
}

// Frame is a block: loop, alt, opt, par, critical, break (a frame with a
// keyword tab) or rect (a coloured background).
type Frame struct {
	Kind  model.BlockKind `json:"kind"`
	Rect  Rect            `json:"rect"`
	Color string          `json:"color,omitempty"`
	// Tab is the keyword box in the top left corner; Keyword its text.
	Tab     Rect  `json:"tab"`
	Keyword Text  `json:"keyword"`
	Label   *Text `json:"label,omitempty"`
	// Sections are the dashed lines of else/and/option, with their labels.
	Sections []Section `json:"sections,omitempty"`
	Depth    int       `json:"depth"`
}

// Section is a dashed divider inside a frame.
type Section struct {
	Y     float64 `json:"y"`
	Label *Text   `json:"label,omitempty"`
}

// Phase is a full-width labelled divider.
type Phase struct {
	Y     float64 `json:"y"`
	X1    float64 `json:"x1"`
	X2    float64 `json:"x2"`
	Label Text    `json:"label"`
	Pill  Rect    `json:"pill"`
}
