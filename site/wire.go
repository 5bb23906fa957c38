package site

import (
	"errors"
	"io"

	"github.com/seqdoc/seqdoc/diagram"
	"github.com/seqdoc/seqdoc/diagram/model"
)

// defaultDiagramRenderer is the diagram package's renderer.
func defaultDiagramRenderer() DiagramRenderer { return diagramPackage{} }

// defaultCaptureAnalyzer reads captures with packages har and har/authflow.
func defaultCaptureAnalyzer() captureAnalyzer { return harAnalyzer{} }

// modelRenderer draws a diagram model as "svg" or "mermaid" text, its ids
// prefixed with id.
type modelRenderer func(d *model.Diagram, format, id string) ([]byte, error)

// defaultModelRenderer draws models with package diagram.
func defaultModelRenderer() modelRenderer { return modelDrawer }

// diagramPackage renders with diagram.Render; its positioned errors
// become DiagramErrors.
type diagramPackage struct{}

func (diagramPackage) RenderSVG(src []byte, w io.Writer) error {
	err := diagram.Render(src, w, diagram.Options{})
	var list diagram.ErrorList
	if errors.As(err, &list) {
		out := make(DiagramErrors, len(list))
		for i, e := range list {
			out[i] = DiagramError{Line: e.Pos.Line, Col: e.Pos.Col, Msg: e.Msg}
		}
		return out
	}
	return err
}
