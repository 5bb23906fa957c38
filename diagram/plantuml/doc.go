// Package plantuml writes a model.Diagram as PlantUML sequence-diagram
// text (@startuml … @enduml), for teams whose tooling draws PlantUML.
// It only writes; seqdoc reads Mermaid.
package plantuml
