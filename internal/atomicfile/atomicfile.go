// Package atomicfile writes a file whole or not at all: through a temporary
// file in the same folder, renamed over the destination only once every byte
// was written. A failure or an interrupted process never leaves half a file,
// and an existing file stays as it was.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// Write writes path with write. The temporary file is named ".NAME.*.tmp"
// beside path (hidden, and ignored by seqdoc serve's watcher). With sync,
// the data reaches the disk before the rename, for files that cannot be
// made again (an imported capture); without, a crash may lose the new
// file but never shows a partial one to a reader of path.
func Write(path string, sync bool, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if sync {
		if err = tmp.Sync(); err != nil {
			return err
		}
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteFile writes data to path as Write does.
func WriteFile(path string, data []byte, sync bool) error {
	return Write(path, sync, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
