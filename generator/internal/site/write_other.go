//go:build !linux

package site

import "os"

// writeFile writes b to name and returns the file's modification time.
func writeFile(name string, b []byte) (int64, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	_, err = f.Write(b)
	var st os.FileInfo
	if err == nil {
		st, err = f.Stat()
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err != nil {
		return 0, err
	}
	return st.ModTime().UnixNano(), nil
}
