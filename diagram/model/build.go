package model

import (
	"encoding/json"
	"fmt"
)

// New returns an empty diagram.
func New() *Diagram { return &Diagram{Participants: []*Participant{}, Items: []Item{}} }

// AddParticipant declares a participant at the right end and returns it. A
// label of "" means the ID is drawn. Declaring an ID twice returns the
// first declaration unchanged.
func (d *Diagram) AddParticipant(id, label string, kind ParticipantKind) *Participant {
	if p := d.Participant(id); p != nil {
		return p
	}
	if label == "" {
		label = id
	}
	p := &Participant{ID: id, Label: label, Kind: kind, Box: -1}
	d.Participants = append(d.Participants, p)
	return p
}

// ensure returns the participant with the given ID, adding an implicit
// one at the right end if it does not exist yet.
func (d *Diagram) ensure(id string) {
	if d.Participant(id) == nil {
		d.Participants = append(d.Participants, &Participant{ID: id, Label: id, Box: -1})
	}
}

// Append adds items at the bottom. Participants that messages and notes
// name are added (implicitly) when missing.
func (d *Diagram) Append(items ...Item) {
	for _, it := range items {
		switch it := it.(type) {
		case *Message:
			d.ensure(it.From)
			d.ensure(it.To)
		case *Note:
			for _, id := range it.Participants {
				d.ensure(id)
			}
		}
		d.Items = append(d.Items, it)
	}
}

// AddMessage appends a message from one participant to another and returns
// it so that the caller can set Step, Implied or Tooltip.
func (d *Diagram) AddMessage(from, to string, arrow Arrow, text string) *Message {
	m := &Message{From: from, To: to, Arrow: arrow, Text: text}
	d.Append(m)
	return m
}

// AddNote appends a note; over may name one or two participants.
func (d *Diagram) AddNote(placement NotePlacement, text string, participants ...string) *Note {
	n := &Note{Placement: placement, Participants: participants, Text: text}
	d.Append(n)
	return n
}

// AddPhase appends a full-width phase divider.
func (d *Diagram) AddPhase(label string) { d.Append(&Phase{Label: label}) }

// Validate checks what the types cannot: every referenced participant
// exists, blocks are balanced and sections sit inside blocks that take
// them, no participant is deactivated while inactive, and no two messages
// or notes share an ID. It returns the first problem found.
func (d *Diagram) Validate() error {
	ids := make(map[string]bool, len(d.Participants))
	for _, p := range d.Participants {
		ids[p.ID] = true
	}
	known := func(id string) error {
		if !ids[id] {
			return fmt.Errorf("unknown participant %q", id)
		}
		return nil
	}
	var open []BlockKind
	active := map[string]int{}
	var named map[string]bool // the IDs of messages and notes
	unique := func(id string) error {
		if id == "" {
			return nil
		}
		if named[id] {
			return fmt.Errorf("id %q used twice", id)
		}
		if named == nil {
			named = map[string]bool{}
		}
		named[id] = true
		return nil
	}
	for i, it := range d.Items {
		var err error
		switch it := it.(type) {
		case *Message:
			err = unique(it.ID)
			if err == nil {
				err = known(it.From)
			}
			if err == nil {
				err = known(it.To)
			}
			if err == nil && it.Deactivate {
				if active[it.From] == 0 {
					err = fmt.Errorf("deactivating inactive participant %q", it.From)
				}
				active[it.From]--
			}
			if it.Activate {
				active[it.To]++
			}
		case *Note:
			err = unique(it.ID)
			if err == nil && (len(it.Participants) < 1 || len(it.Participants) > 2) {
				err = fmt.Errorf("note names %d participants", len(it.Participants))
			}
			for _, id := range it.Participants {
				if err == nil {
					err = known(id)
				}
			}
		case *Activation:
			if err = known(it.Participant); err == nil {
				if it.Active {
					active[it.Participant]++
				} else if active[it.Participant] == 0 {
					err = fmt.Errorf("deactivating inactive participant %q", it.Participant)
				} else {
					active[it.Participant]--
				}
			}
		case *Create:
			err = known(it.Participant)
		case *Destroy:
			err = known(it.Participant)
		case *BlockStart:
			open = append(open, it.Kind)
		case *BlockSection:
			if len(open) == 0 || open[len(open)-1].SectionKeyword() == "" {
				err = fmt.Errorf("section outside alt, par or critical")
			}
		case *BlockEnd:
			if len(open) == 0 {
				err = fmt.Errorf("end without a block")
			} else {
				open = open[:len(open)-1]
			}
		}
		if err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("%d block(s) not closed", len(open))
	}
	return nil
}

// MarshalJSON writes the diagram with each item tagged by its type
// ({"message": {...}}), so that the JSON can be read and compared.
func (d *Diagram) MarshalJSON() ([]byte, error) {
	type plain Diagram
	items := make([]map[string]Item, len(d.Items))
	for i, it := range d.Items {
		items[i] = map[string]Item{itemName(it): it}
	}
	return json.Marshal(struct {
		*plain
		Items []map[string]Item `json:"items"`
	}{(*plain)(d), items})
}

func itemName(it Item) string {
	switch it.(type) {
	case *Message:
		return "message"
	case *Note:
		return "note"
	case *BlockStart:
		return "block"
	case *BlockSection:
		return "section"
	case *BlockEnd:
		return "end"
	case *Activation:
		return "activation"
	case *Create:
		return "create"
	case *Destroy:
		return "destroy"
	case *Autonumber:
		return "autonumber"
	case *Phase:
		return "phase"
	}
	return "unknown"
}
