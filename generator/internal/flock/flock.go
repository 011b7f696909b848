// Package flock takes exclusive locks that other processes (and other
// goroutines) wait for: on the checker's build cache, and on the folder a
// site is built into. It uses github.com/gofrs/flock, which locks with
// flock(2) on Unix and LockFileEx on Windows.
//
// It imports nothing of Tebiki's.
package flock

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	gofrs "github.com/gofrs/flock"
)

// File takes an exclusive lock on the file at path, creating it if needed,
// and waits for other holders. It returns the function that releases it.
func File(path string) (func(), error) {
	l := gofrs.New(path, gofrs.SetFlag(os.O_CREATE|os.O_RDWR), gofrs.SetPermissions(0o644))
	if err := l.Lock(); err != nil {
		return nil, err
	}
	return func() { l.Unlock() }, nil
}

// Dir takes an exclusive lock on the existing folder at path, and waits for
// other holders. A folder cannot be locked on every system (Windows locks
// files only), so the lock is a file in the user's cache folder named after
// the folder's full path: every Tebiki run of this user that locks the same
// folder, by any spelling of its path, waits for the others. Nothing is
// written into the folder or beside it.
func Dir(path string) (func(), error) {
	lock, err := dirLockFile(path)
	if err != nil {
		return nil, err
	}
	return File(lock)
}

// dirLockFile is the lock file standing for the folder at path.
func dirLockFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s is not a folder", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		abs = strings.ToLower(abs) // their file systems ignore case by default
	}
	dir, err := lockDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "folder-"+hex.EncodeToString(sum[:12])+".lock"), nil
}

// lockDir is where the lock files of folders live: TEBIKI_CACHE/locks, or
// the user's cache folder, else the temporary folder.
func lockDir() (string, error) {
	base := os.Getenv("TEBIKI_CACHE")
	if base == "" {
		uc, err := os.UserCacheDir()
		if err != nil {
			uc = os.TempDir()
		}
		base = filepath.Join(uc, "tebiki")
	}
	dir := filepath.Join(base, "locks")
	return dir, os.MkdirAll(dir, 0o755)
}
