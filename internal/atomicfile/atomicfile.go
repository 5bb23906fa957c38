// Package atomicfile writes a file whole or not at all: through a temporary
// file in the same folder, renamed over the destination only once every byte
// was written. A failure or an interrupted process never leaves half a file,
// and an existing file stays as it was.
//
// Everything it creates gets the permissions the user's umask gives
// (0666 &^ umask for files, 0777 &^ umask for folders), as a file written
// with a plain open(2) would: os.CreateTemp and os.MkdirTemp make 0600 and
// 0700, which a temporary name that is then renamed into place would keep,
// and a site published that way answers 403 when a web server running as
// another user reads it.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Write writes path with write. The temporary file is named ".NAME.*.tmp"
// beside path (hidden, and ignored by seqdoc serve's watcher). With sync,
// the data reaches the disk before the rename, for files that cannot be
// made again (an imported capture); without, a crash may lose the new
// file but never shows a partial one to a reader of path.
func Write(path string, sync bool, write func(io.Writer) error) error {
	tmp, err := writeTemp(path, sync, write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// WriteFile writes data to path as Write does.
func WriteFile(path string, data []byte, sync bool) error {
	return Write(path, sync, writeBytes(data))
}

// WriteNew writes data to path only if path does not exist, whole or not at
// all (a temporary file, then a hard link that fails when the name is
// taken, so that even a file created meanwhile is never overwritten). It
// reports whether it wrote the file; an existing path is not an error.
func WriteNew(path string, data []byte, sync bool) (bool, error) {
	tmp, err := writeTemp(path, sync, writeBytes(data))
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// NotWritableError is a file or folder seqdoc could not make because the
// folder that would hold it refused: its message names what was to be
// written (never a temporary name beside it) and says what to do.
type NotWritableError struct {
	Path   string // the file or folder to write, as the caller named it
	Dir    string // the folder that refused
	Folder bool   // Path is a folder to create
	Err    error  // the error of the call that failed
}

func (e *NotWritableError) Error() string {
	verb := "write"
	if e.Folder {
		verb = "create"
	}
	return fmt.Sprintf("cannot %s %s: no permission to write in %s (make that folder writable, or choose another place)", verb, e.Path, e.Dir)
}

func (e *NotWritableError) Unwrap() error { return e.Err }

// notWritable turns a permission error met making path (a file, or a
// folder) into a NotWritableError; a permission error on a temporary file
// beside path names path. Any other error comes back as it was.
func notWritable(path string, folder bool, err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(pe.Err, fs.ErrPermission) {
		return err
	}
	return &NotWritableError{Path: path, Dir: filepath.Dir(pe.Path), Folder: folder, Err: err}
}

// MkdirAll is os.MkdirAll with the permissions the umask gives, and a
// NotWritableError naming the first folder it could not create.
func MkdirAll(dir string) error {
	err := os.MkdirAll(dir, 0o777)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return notWritable(pe.Path, true, err)
	}
	return err
}

// writeTemp writes a temporary file beside path and returns its name; on
// failure nothing is left behind.
func writeTemp(path string, sync bool, write func(io.Writer) error) (name string, err error) {
	tmp, err := CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", notWritable(path, false, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return "", err
	}
	if sync {
		if err = tmp.Sync(); err != nil {
			return "", err
		}
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	return tmp.Name(), nil
}

// CreateTemp is os.CreateTemp with the permissions the umask gives
// (0666 &^ umask) instead of 0600: a file meant to be renamed into place.
func CreateTemp(dir, pattern string) (*os.File, error) {
	var f *os.File
	err := tryNames(dir, pattern, func(name string) (err error) {
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		return err
	})
	return f, err
}

// MkdirTemp is os.MkdirTemp with the permissions the umask gives
// (0777 &^ umask) instead of 0700: a folder meant to be renamed into place.
// A folder dir that refuses is a NotWritableError whose Path is dir.
func MkdirTemp(dir, pattern string) (string, error) {
	var dname string
	err := tryNames(dir, pattern, func(name string) error {
		dname = name
		return os.Mkdir(name, 0o777)
	})
	if err != nil {
		// The caller knows what the folder is for: it sets Path.
		return "", notWritable(dir, false, err)
	}
	return dname, nil
}

// tryNames calls create with dir/pattern, its last "*" (else its end)
// replaced by a random number, until a name is free.
func tryNames(dir, pattern string, create func(string) error) error {
	if strings.ContainsRune(pattern, filepath.Separator) {
		return &os.PathError{Op: "createtemp", Path: pattern, Err: errors.New("pattern contains path separator")}
	}
	prefix, suffix := pattern, ""
	if i := strings.LastIndexByte(pattern, '*'); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	if dir == "" {
		dir = os.TempDir()
	}
	var err error
	for try := 0; try < 10000; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		if err = create(name); !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	return err
}
