"""The wizard's pages, one module each: thin views over :mod:`wizard.ui.model`.

A page builds its widgets, reads them into the model, runs remote work and writes to this
computer through the worker (:meth:`base.Context.run`), and shows what comes back. No page
touches another page's widgets; QWizard's navigation comes from the model's table.
"""
