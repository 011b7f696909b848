package site

import "github.com/tebiki/tebiki/generator/internal/diag"

// Snapshot builds the site in memory, as BuildFiles, and also returns the
// loaded site (its rules, pages, theme and scheduled changes), for the
// review of two versions.
func Snapshot(opts Options) (*Site, map[string][]byte, error) {
	defaults(&opts)
	opts.Cities = nil
	s, _, err := prepare(&opts)
	if err != nil {
		return nil, nil, err
	}
	files, err := s.Render(workers(opts), &diag.List{})
	if err != nil {
		return nil, nil, err
	}
	return s, files, nil
}
