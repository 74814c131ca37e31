"""Document generation: DOCX templates rendered with the grant, PDF, verification codes, signing.

Pure of Flask: the service, the command line and the batch runner call it with data and get
bytes back. Engines (LibreOffice, the signer) sit behind small interfaces so tests can swap them.
"""
