// Passkeys in the console (no inline script: the content security policy forbids it).
// Sign-in: after the password, a button asks the browser for the account's passkey and posts the
// signed answer to Spring Security's WebAuthn endpoint. Registration: a button asks the browser to
// make a passkey and posts it. The CSRF token of the session goes in the X-XSRF-TOKEN header.
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-XSRF-TOKEN": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  function decode(base64url) {
    var text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function encode(buffer) {
    var text = String.fromCharCode.apply(null, new Uint8Array(buffer));
    return btoa(text).replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  function withIds(credentials) {
    return (credentials || []).map(function (credential) {
      return Object.assign({}, credential, { id: decode(credential.id) });
    });
  }

  function signIn() {
    return post("/webauthn/authenticate/options")
      .then(function (options) {
        options.challenge = decode(options.challenge);
        options.allowCredentials = withIds(options.allowCredentials);
        return navigator.credentials.get({ publicKey: options });
      })
      .then(function (credential) {
        var response = credential.response;
        return post("/login/webauthn", {
          id: credential.id,
          rawId: encode(credential.rawId),
          response: {
            authenticatorData: encode(response.authenticatorData),
            clientDataJSON: encode(response.clientDataJSON),
            signature: encode(response.signature),
            userHandle: response.userHandle ? encode(response.userHandle) : undefined
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        });
      })
      .then(function (answer) {
        if (!answer.signedIn) {
          throw new Error("refused");
        }
      });
  }

  function register(label) {
    return post("/webauthn/register/options")
      .then(function (options) {
        options.challenge = decode(options.challenge);
        options.user.id = decode(options.user.id);
        options.excludeCredentials = withIds(options.excludeCredentials);
        return navigator.credentials.create({ publicKey: options });
      })
      .then(function (credential) {
        var response = credential.response;
        return post("/webauthn/register", {
          publicKey: {
            label: label,
            credential: {
              id: credential.id,
              rawId: encode(credential.rawId),
              response: {
                attestationObject: encode(response.attestationObject),
                clientDataJSON: encode(response.clientDataJSON),
                transports: response.getTransports ? response.getTransports() : []
              },
              type: credential.type,
              clientExtensionResults: credential.getClientExtensionResults(),
              authenticatorAttachment: credential.authenticatorAttachment
            }
          }
        });
      })
      .then(function (answer) {
        if (!answer.success) {
          throw new Error("refused");
        }
      });
  }

  function show(id) {
    var element = document.getElementById(id);
    if (element) {
      element.hidden = false;
      element.focus();
    }
  }

  function hide(id) {
    var element = document.getElementById(id);
    if (element) {
      element.hidden = true;
    }
  }

  var signInButton = document.getElementById("cle-connexion");
  if (signInButton) {
    signInButton.addEventListener("click", function () {
      hide("erreur-cle");
      signIn().then(
        function () {
          window.location.assign(signInButton.dataset.next || "/console");
        },
        function () {
          show("erreur-cle");
        }
      );
    });
  }

  var registration = document.getElementById("cle-enregistrement");
  if (registration) {
    registration.addEventListener("submit", function (event) {
      event.preventDefault();
      hide("erreur-cle");
      hide("cle-enregistree");
      register(document.getElementById("libelle").value).then(
        function () {
          window.location.assign(registration.dataset.done);
        },
        function () {
          show("erreur-cle");
        }
      );
    });
  }
})();
