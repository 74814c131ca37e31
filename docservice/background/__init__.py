"""Work done away from the request: the queue (``queue``: what producers need, ``tasks``: huey,
the checks' workers and the sweep), webhook deliveries (``webhooks``), and batch generation
jobs (``jobs``)."""
