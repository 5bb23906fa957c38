package layout

// Spacing holds every distance the layout uses, in CSS pixels. Tests and
// themes may change any field; DefaultSpacing gives seqdoc's look.
type Spacing struct {
	Margin float64 // empty border around the whole drawing

	FontSize      float64 // message labels and participant names
	NoteFontSize  float64 // note text
	TitleFontSize float64 // the diagram title
	BadgeFontSize float64 // numbers and step labels in badges
	LineHeight    float64 // line pitch as a multiple of the font size
	Baseline      float64 // from a line's top to its baseline, as a fraction of the line pitch
	CentreBase    float64 // from a centre line to the baseline of text centred on it, as a fraction of the font size

	ActorGap      float64 // least space between two neighbouring participant boxes
	ActorPadX     float64 // space left and right of a participant name in its box
	ActorPadY     float64 // space above and below a participant name in its box
	ActorMinWidth float64 // narrowest participant box
	IconHeight    float64 // height of the actor / boundary / control / entity symbol above its name
	ActorWrap     float64 // width participant names wrap to when wrapping is asked for

	ItemGap       float64 // vertical space between two consecutive items
	LabelGap      float64 // space between a message label and its arrow
	LabelPadX     float64 // space a label keeps from the lifelines it sits between
	MaxLabelWidth float64 // labels wider than this wrap
	MaxWrapWidth  float64 // width "wrap:" labels (and config wrap) wrap to
	MaxLabelLines int     // lines of a message label kept before it is shortened with "…" (notes are never shortened)

	SelfWidth  float64 // how far a self-message loop reaches right of its lifeline
	SelfHeight float64 // the height of a self-message loop

	NotePadX  float64 // text padding inside a note, left and right
	NotePadY  float64 // text padding inside a note, top and bottom
	NoteGap   float64 // space between a "left of"/"right of" note and its lifeline
	NoteOver  float64 // how far an "over" note reaches past its lifeline(s)
	NoteWidth float64 // notes wider than this wrap

	ActivationWidth float64 // width of an activation bar
	ActivationStep  float64 // sideways shift of each stacked activation bar

	BlockPadX      float64 // how far a block frame reaches past what it holds, per nesting level
	BlockPadTop    float64 // space between a frame's top (or a section line) and its first item
	BlockPadBottom float64 // space between a frame's last item and its bottom
	TabPadX        float64 // text padding in the keyword tab of a frame
	TabPadY        float64 // text padding above and below the keyword of a frame, and above section labels

	BadgeRadius float64 // radius of a step badge
	BadgePadX   float64 // padding around longer badge texts (pills)
	BadgeShift  float64 // extra distance a badge keeps from a tail head or central circle it steps off

	PhaseHeight float64 // height taken by a phase divider
	BoxPad      float64 // how far a participant group box reaches past its participants

	CreateGap float64 // space above a participant box drawn part-way down
}

// DefaultSpacing returns seqdoc's spacing: compact, but with room for
// labels to sit clear of lifelines.
func DefaultSpacing() Spacing {
	return Spacing{
		Margin:        12,
		FontSize:      14,
		NoteFontSize:  13,
		TitleFontSize: 17,
		BadgeFontSize: 11,
		LineHeight:    1.3,
		Baseline:      0.77,
		CentreBase:    0.36,

		ActorGap:      36,
		ActorPadX:     14,
		ActorPadY:     9,
		ActorMinWidth: 72,
		IconHeight:    32,
		ActorWrap:     132,

		ItemGap:       6,
		LabelGap:      2,
		LabelPadX:     10,
		MaxLabelWidth: 520,
		MaxWrapWidth:  220,
		MaxLabelLines: 8,

		SelfWidth:  34,
		SelfHeight: 20,

		NotePadX:  9,
		NotePadY:  6,
		NoteGap:   8,
		NoteOver:  18,
		NoteWidth: 280,

		ActivationWidth: 10,
		ActivationStep:  5,

		BlockPadX:      10,
		BlockPadTop:    8,
		BlockPadBottom: 8,
		TabPadX:        6,
		TabPadY:        2,

		BadgeRadius: 9,
		BadgePadX:   5,
		BadgeShift:  8,

		PhaseHeight: 30,
		BoxPad:      8,
		CreateGap:   6,
	}
}

// Z-order of what is drawn, back to front. The SVG writer draws in this
// order; the layout records it so that readers of the JSON know it too.
const (
	ZBox         = iota // participant group backgrounds
	ZRect               // "rect" block backgrounds
	ZLifeline           // lifelines
	ZFrame              // block frames
	ZActivation         // activation bars
	ZPhase              // phase dividers
	ZMessage            // arrows
	ZNote               // notes
	ZLabel              // message labels and badges
	ZParticipant        // participant boxes
)
