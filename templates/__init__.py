"""The Jinja templates and static files of the site, shipped inside the package."""
