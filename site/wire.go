package site

// defaultDiagramRenderer is the diagram package's renderer.
func defaultDiagramRenderer() DiagramRenderer { return nil }

// defaultCaptureAnalyzer reads captures with packages har and har/authflow.
func defaultCaptureAnalyzer(DiagramRenderer) captureAnalyzer { return nil }
