"""Starts one moto server (Apache-2.0) for one test JVM: the AWS endpoint every test of this product talks to.

  python3 moto_server.py --check      prints "moto <version>" and exits 0 when the pinned version is installed
  python3 moto_server.py              serves on a free loopback port; first line of stdout: "moto <version> <port>"

The OS picks the port when the socket is bound (no probe-then-bind race between test JVMs). The server exits when
its standard input closes, so it never outlives the JVM that started it, however that JVM ends.
"""
import json
import logging
import os
import sys
import threading

PINNED = "5.2.1"
INSTALL = "pip install 'moto[server]==%s'" % PINNED


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(3)


try:
    import moto
    from werkzeug.serving import make_server
    from joserfc import jwk
    from moto import backends
    from moto.core import responses as moto_responses
    from moto.cognitoidp import models as cognitoidp_models
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
except ImportError as e:
    fail("moto server is not installed for %s (%s): run %s" % (sys.executable, e, INSTALL))

if moto.__version__ != PINNED:
    fail("moto %s is installed for %s, the tests are pinned to %s: run %s"
         % (moto.__version__, sys.executable, PINNED, INSTALL))

if "--check" in sys.argv[1:]:
    print("moto %s" % moto.__version__)
    sys.exit(0)


def exit_when_parent_goes():
    sys.stdin.read()
    os._exit(0)


# moto's dispatcher lists its own package directory (some 180 stat calls, under a lock) to route every request; the
# listing cannot change while the server runs, so it is read once: the same routing for a fraction of the CPU.
MOTO_MODULES = frozenset(backends.list_of_moto_modules())
backends.list_of_moto_modules = lambda: MOTO_MODULES

# moto lists its response class's methods (inspect.getmembers) on every request to check the action is one of them;
# a class's methods cannot change while the server runs, so each class is listed once.
METHOD_NAMES = {}


def method_names_once(clazz):
    if clazz not in METHOD_NAMES:
        METHOD_NAMES[clazz] = frozenset(method_names_of_class(clazz))
    return METHOD_NAMES[clazz]


method_names_of_class = moto_responses.method_names_from_class
moto_responses.method_names_from_class = method_names_once


class OnceImportedKeys:
    """moto's Cognito imports its one signing key (a JWK file without the CRT parameters, so the primes are recovered:
    about 0.1 s of CPU) for every user pool it creates; the file never changes, so each key is imported once and the
    pools share it, as they share the file."""
    imported = {}

    @classmethod
    def import_key(cls, value):
        text = json.dumps(value, sort_keys=True)
        if text not in cls.imported:
            cls.imported[text] = jwk.RSAKey.import_key(value)
        return cls.imported[text]


cognitoidp_models.jwk = type("jwk", (), {"RSAKey": OnceImportedKeys})

# Request lines would only fill the log; errors still reach it.
logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = make_server("127.0.0.1", 0, DomainDispatcherApplication(create_backend_app), threaded=True)
port = server.server_port
# moto builds some URLs it returns (e.g. presigned and callback URLs) from MOTO_PORT.
os.environ["MOTO_PORT"] = str(port)
threading.Thread(target=exit_when_parent_goes, daemon=True).start()
print("moto %s %d" % (moto.__version__, port), flush=True)
server.serve_forever()
