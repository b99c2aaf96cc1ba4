package emulator_test

import (
	"context"
	"errors"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// as is the real SDK's EC2 and STS clients signing with key k.
func as(emu *emulator.Running, k emulator.KeyPair) (*ec2.Client, *sts.Client) {
	cfg := awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(k.AccessKeyID, k.SecretAccessKey, "")}
	return ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) }),
		sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
}

func TestEachKeyPairIsAnAccountWithItsOwnWorldAndIdentity(t *testing.T) {
	second := emulator.DemoKeyPair(2)
	emu, _ := startSDK(t, emulator.Config{Now: func() time.Time { return fixedNow }, Accounts: []emulator.KeyPair{second}})
	first := emulator.KeyPair{AccessKeyID: emulator.DemoAccessKeyID, SecretAccessKey: emulator.DemoSecretAccessKey}
	ids := map[string]string{}
	for _, k := range []emulator.KeyPair{first, second} {
		ec2c, stsc := as(emu, k)
		who, err := stsc.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		if err != nil {
			t.Fatalf("GetCallerIdentity as %s: %v", k.AccessKeyID, err)
		}
		if len(*who.Account) != 12 || *who.Arn != "arn:aws:iam::"+*who.Account+":user/vpnscope-demo" || *who.UserId == "" {
			t.Errorf("identity of %s: account %q, arn %q, user id %q", k.AccessKeyID, *who.Account, *who.Arn, *who.UserId)
		}
		ids[*who.Account] = *endpoints(t, ec2c, "us-east-1")[0].ClientVpnEndpointId
	}
	if len(ids) != 2 {
		t.Fatalf("two key pairs answered as one account: %v", ids)
	}
	if ids[emulator.Account] == "" {
		t.Errorf("the first key pair is not account %s: %v", emulator.Account, ids)
	}
	firstWorld := ids[emulator.Account]
	for acct, id := range ids {
		if acct != emulator.Account && id == firstWorld {
			t.Errorf("both accounts list endpoint %s: one world served to both", id)
		}
	}
	// The first account's world is today's, with or without more accounts.
	_, alone := startSDK(t, emulator.Config{Now: func() time.Time { return fixedNow }})
	if got := *endpoints(t, alone, "us-east-1")[0].ClientVpnEndpointId; got != firstWorld {
		t.Errorf("the first account's world changed with a second key pair: %s, alone %s", firstWorld, got)
	}
	if got := emu.Accounts(); len(got) != 2 || got[1].AccessKeyID != second.AccessKeyID || got[0].ID != emulator.Account {
		t.Errorf("Accounts() = %+v", got)
	}
}

func TestGetCallerIdentityRefusesAKeyNoAccountHas(t *testing.T) {
	emu, _ := startSDK(t, emulator.Config{})
	_, stsc := as(emu, emulator.KeyPair{AccessKeyID: "AKIAUNKNOWN000000000", SecretAccessKey: "x"})
	_, err := stsc.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "InvalidClientTokenId" {
		t.Fatalf("want InvalidClientTokenId, got %v", err)
	}
	_, stsc = as(emu, emulator.KeyPair{AccessKeyID: emulator.DemoAccessKeyID, SecretAccessKey: "wrong"})
	if _, err := stsc.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); !errors.As(err, &api) || api.ErrorCode() != "SignatureDoesNotMatch" {
		t.Fatalf("want SignatureDoesNotMatch, got %v", err)
	}
}

func TestTwoAccountsWithOneKeyIdAreRefused(t *testing.T) {
	_, err := emulator.Start("127.0.0.1:0", emulator.Config{Accounts: []emulator.KeyPair{emulator.DemoKeyPair(1)}})
	if err == nil {
		t.Fatal("the emulator started with the demo key id given to two accounts")
	}
}
