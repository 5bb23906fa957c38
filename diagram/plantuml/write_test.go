package plantuml

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/diagram/mermaid"
	"github.com/seqdoc/seqdoc/diagram/model"
	"github.com/seqdoc/seqdoc/internal/golden"
	"github.com/seqdoc/seqdoc/internal/shareddata"
)

func TestLoginGolden(t *testing.T) {
	src, err := os.ReadFile(shareddata.Need(t, "../../../shared/bench/diagrams/login.mmd"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := mermaid.Parse("login.mmd", src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/login.golden.puml", buf.Bytes())
}

func TestConstructs(t *testing.T) {
	src := `sequenceDiagram
    box Aqua Front
    actor U as User
    end
    participant DB@{ "type": "database" } as Store
    autonumber
    U->>+DB: read **bold** <b>x</b>
    DB-->>-U: rows
    loop every minute
        U-xDB: ping
    end
    alt ok
        U-)DB: async
    else failed
        U<<->>DB: both
    end
    rect rgb(200, 220, 255)
        Note over U,DB: a note
    end
    create participant L as Late
    U->>L: hi
    destroy L
    L->>U: bye`
	d, err := mermaid.Parse("c", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d.AddPhase("Logout")
	m := d.AddMessage("U", "DB", model.Call, "implied")
	m.Implied, m.Step = true, "#4"
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"@startuml\n", `box "Front" #Aqua`, `actor "User" as P1`, "end box", `database "Store" as P2`, "autonumber\n",
		"P1 -> P2 : read *<U+002A>bold*<U+002A> <U+003C>b<U+003E>x<U+003C>/b<U+003E>\nactivate P2",
		"P2 --> P1 : rows\ndeactivate P2", "loop every minute", "P1 ->x P2 : ping", "alt ok", "P1 ->> P2 : async",
		"else failed", "P1 <-> P2 : both", "group\n", `note over P1, P2 : a note`, `create participant "Late" as P3`,
		"P3 -> P1 : bye\ndestroy P3", "== Logout ==", "P1 -[#888888,dashed]-> P2 : [#4] implied", "@enduml\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("PlantUML lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\n  end\n")+strings.Count(out, "\nend\n") != 3 {
		t.Errorf("want 3 block ends:\n%s", out)
	}
}

// TestPlantUMLAccepts asks PlantUML itself (when installed, and not with
// -short: it starts a JVM) to check the syntax of what Write produces for
// a few rich corpus diagrams.
func TestPlantUMLAccepts(t *testing.T) {
	bin, err := exec.LookPath("plantuml")
	if err != nil || testing.Short() {
		t.Skip("plantuml not installed (or -short)")
	}
	for _, name := range []string{"cypress-001", "cypress-035", "cypress-082", "docs-028"} {
		src, err := os.ReadFile(shareddata.Need(t, "../../../shared/fixtures/mermaid-sequence/"+name+".mmd"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := mermaid.Parse(name, src)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-syntax")
		cmd.Stdin = &buf
		out, _ := cmd.Output()
		if !strings.HasPrefix(string(out), "SEQUENCE") {
			t.Errorf("%s: PlantUML says %q", name, out)
		}
	}
}
