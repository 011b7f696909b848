package site

import (
	"testing"
	"time"
)

// A folder's times with a part below the second come from the kernel's
// clock: they are trusted once folderFineWindow old. Times in whole seconds
// may lag a change by up to a second: they must be folderRacyWindow old.
func TestFolderSettledByClock(t *testing.T) {
	const s = int64(time.Second)
	at := 1000 * s
	for _, c := range []struct {
		name         string
		mtime, ctime int64
		want         bool
	}{
		{"fine, half a second old", at - s/2 + 123, at - s/2 + 456, true},
		{"fine, a tenth of a second old", at - s/10 + 123, at - s/10 + 456, false},
		{"whole seconds, two seconds old", at - 2*s, at - 2*s, false},
		{"whole seconds, four seconds old", at - 4*s, at - 4*s, true},
		{"modification time fine, change time whole", at - s/2 + 123, at - s, false},
	} {
		st := dirRec{Ino: 7, MTime: c.mtime, CTime: c.ctime}
		if got := st.settled(at); got != c.want {
			t.Errorf("%s: settled = %v, want %v", c.name, got, c.want)
		}
	}
	if (dirRec{MTime: 1, CTime: 1}).settled(at) {
		t.Errorf("a folder with no inode number is settled")
	}
}
