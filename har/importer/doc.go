// Package importer brings a HAR capture into a page bundle: it reads the
// capture as a stream, redacts it (package har) and writes DIR/capture.har,
// then scaffolds DIR/index.md with the seqdoc blocks when there is none.
// It never overwrites an index.md, and leaves nothing half-written: both
// files are written to temporary files in DIR and renamed into place.
package importer
