// A real OpenID Connect identity provider on loopback for tests/test_sso.py: panva's oidc-provider (the
// npm package scripts/install-browser puts in .cache/oidc), with a sign-in form of its own that checks
// each account's password, as an organisation's provider does. Its settings come as JSON in $IDP:
//   {"port", "module" (oidc-provider's lib/index.js), "client": {client_id, client_secret, redirect_uri},
//    "accounts": {login: {password, email, name}}}
// It prints "ready" once it listens.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const settings = JSON.parse(process.env.IDP);
const { default: Provider } = await import(pathToFileURL(settings.module).href);
const { accounts, client } = settings;
const issuer = `http://127.0.0.1:${settings.port}`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: [{
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: [client.redirect_uri],
    post_logout_redirect_uris: [client.redirect_uri],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false, // the ID token carries the e-mail, as Google's and Microsoft's do
  cookies: { keys: ['graphkit test provider'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      logoutSource: async (ctx, form) => {
        ctx.body = `<!DOCTYPE html><html lang="en"><title>Sign out</title>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></html>`;
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts[id];
    return account && {
      accountId: id,
      claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name }),
    };
  },
  async loadExistingGrant(ctx) { // a first-party client: no consent screen
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

function form(uid, said) {
  return `<!DOCTYPE html><html lang="en"><title>Test provider: sign in</title>
    <h1>Test provider</h1>${said ? `<p role="alert">${escape(said)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}">
      <label>Login <input name="login" required></label>
      <label>Password <input name="password" type="password" required></label>
      <button type="submit">Sign in</button>
    </form></html>`;
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(form(uid));
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  const fields = new URLSearchParams(body);
  const login = fields.get('login');
  const account = Object.hasOwn(accounts, login) ? accounts[login] : undefined;
  if (details.prompt.name !== 'login' || !account || account.password !== fields.get('password')) {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(form(uid, 'Wrong login or password.'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
http.createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)$/.exec(req.url.split('?')[0]);
  if (!match) return callback(req, res);
  interaction(req, res, match[1]).catch((e) => {
    res.statusCode = 400;
    res.end(String(e));
  });
}).listen(settings.port, '127.0.0.1', () => console.log('ready'));
