package vpcclient

import (
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// lockedProvider serialises a credentials provider: the SDK's
// DefaultCredentialsProvider caches the provider it found without a lock,
// so concurrent calls (the problems scan signs several at once) race on
// it under -race, and could sign with a half-written cache.
type lockedProvider struct {
	mu sync.Mutex
	p  credentials.CredentialsProvider
}

func (l *lockedProvider) GetCredentials() (*credentials.Credentials, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.GetCredentials()
}

func (l *lockedProvider) GetProviderName() string { return l.p.GetProviderName() }

// safeCredential makes a provider safe for concurrent signing; nil is the
// SDK's default chain, made safe too; other credentials (static keys)
// pass as they are.
func safeCredential(c auth.Credential) auth.Credential {
	if c == nil {
		c = credentials.NewDefaultCredentialsProvider()
	}
	if p, ok := c.(credentials.CredentialsProvider); ok {
		if _, done := p.(*lockedProvider); !done {
			return &lockedProvider{p: p}
		}
	}
	return c
}
