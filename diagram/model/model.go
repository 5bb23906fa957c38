package model

// Diagram is one sequence diagram.
type Diagram struct {
	// Title is drawn above the diagram ("title …" or front matter).
	Title string `json:"title,omitempty"`
	// AccTitle and AccDescr are the accessible title and description
	// ("accTitle: …", "accDescr: …"); they go into <title> and <desc>.
	AccTitle string `json:"accTitle,omitempty"`
	AccDescr string `json:"accDescr,omitempty"`
	// Participants in left-to-right order.
	Participants []*Participant `json:"participants"`
	// Boxes group neighbouring participants under a labelled background.
	Boxes []*Box `json:"boxes,omitempty"`
	// Items in top-to-bottom order.
	Items []Item `json:"items"`
	// Config holds the drawing settings a diagram may carry (directives,
	// front matter).
	Config Config `json:"config"`
}

// ParticipantKind is the shape a participant is drawn with.
type ParticipantKind int

// The participant shapes. KindParticipant (a box) is the zero value.
const (
	KindParticipant ParticipantKind = iota // a plain box
	KindActor                              // a stick figure ("actor X")
	KindBoundary                           // the UML boundary symbol
	KindControl                            // the UML control symbol
	KindEntity                             // the UML entity symbol
	KindDatabase                           // a cylinder
	KindCollections                        // a stack of boxes
	KindQueue                              // a horizontal cylinder
)

var kindNames = [...]string{"participant", "actor", "boundary", "control", "entity", "database", "collections", "queue"}

// String returns the Mermaid name of the kind ("participant", "actor",
// "database" …).
func (k ParticipantKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "participant"
}

// ParseKind returns the kind named s (as String spells it) and whether the
// name is known.
func ParseKind(s string) (ParticipantKind, bool) {
	for i, n := range kindNames {
		if n == s {
			return ParticipantKind(i), true
		}
	}
	return KindParticipant, false
}

// MarshalText spells the kind as String does, for JSON.
func (k ParticipantKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Participant is one lifeline.
type Participant struct {
	// ID is the name messages refer to ("B" in "participant B as Browser").
	ID string `json:"id"`
	// Label is the name drawn in the box; it equals ID when no alias was
	// given. It may contain "\n" line breaks.
	Label string `json:"label"`
	// Kind is the shape.
	Kind ParticipantKind `json:"kind"`
	// Wrap asks for the label to be wrapped to the box width ("wrap:").
	Wrap bool `json:"wrap,omitempty"`
	// Created is true when the participant appears part-way down ("create
	// participant X"): its box is drawn at the Create item, not at the top.
	Created bool `json:"created,omitempty"`
	// Destroyed is true when its lifeline ends at a Destroy item.
	Destroyed bool `json:"destroyed,omitempty"`
	// Links are menu entries attached to the participant ("link X: label @ url").
	Links []Link `json:"links,omitempty"`
	// Box is the index in Diagram.Boxes of the box holding the participant,
	// or -1 when it is in none.
	Box int `json:"box"`
}

// Link is a labelled URL attached to a participant.
type Link struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Box is a coloured group of neighbouring participants ("box Aqua Group … end").
type Box struct {
	// Label is the group's title; it may be empty.
	Label string `json:"label,omitempty"`
	// Color is a CSS colour as written ("Aqua", "rgb(33,66,99)", "#eef"),
	// or "" for no background.
	Color string `json:"color,omitempty"`
}

// Config holds the settings that change how a diagram is drawn. The zero
// value means "the default".
type Config struct {
	// Theme is a Mermaid theme name ("default", "dark", "forest", "neutral",
	// "base") or "" for seqdoc's own, which follows light and dark mode.
	Theme string `json:"theme,omitempty"`
	// MirrorActors draws the participant boxes again at the bottom (default true).
	MirrorActors *bool `json:"mirrorActors,omitempty"`
	// ShowSequenceNumbers numbers every message, as "autonumber" does.
	ShowSequenceNumbers bool `json:"showSequenceNumbers,omitempty"`
	// Wrap wraps every long label, as if each began with "wrap:".
	Wrap bool `json:"wrap,omitempty"`
	// NoteAlign is "left", "center" (default) or "right".
	NoteAlign string `json:"noteAlign,omitempty"`
	// MessageAlign is "left", "center" (default) or "right".
	MessageAlign string `json:"messageAlign,omitempty"`
	// RightAngles asks for right-angled self-message loops; seqdoc always
	// draws them so, and keeps the setting for the Mermaid writer.
	RightAngles bool `json:"rightAngles,omitempty"`
	// HideUnusedParticipants leaves out participants no item refers to.
	HideUnusedParticipants bool `json:"hideUnusedParticipants,omitempty"`
}

// Mirror reports whether participant boxes are repeated at the bottom.
func (c Config) Mirror() bool { return c.MirrorActors == nil || *c.MirrorActors }

// Participant returns the participant with the given ID, or nil. It
// searches Participants in order; code that looks up many IDs builds its
// own map.
func (d *Diagram) Participant(id string) *Participant {
	if i := d.Index(id); i >= 0 {
		return d.Participants[i]
	}
	return nil
}

// Index returns the position of the participant with the given ID in
// Participants, or -1.
func (d *Diagram) Index(id string) int {
	for i, p := range d.Participants {
		if p.ID == id {
			return i
		}
	}
	return -1
}
