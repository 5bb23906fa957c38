package site

// defaultDiagramRenderer is the diagram package's renderer.
func defaultDiagramRenderer() DiagramRenderer { return nil }

// defaultCaptureAnalyzer reads captures with packages har and har/authflow.
func defaultCaptureAnalyzer(d DiagramRenderer) captureAnalyzer { return harAnalyzer{diagrams: d} }
