FROM python:3.12-slim
USER 10001
CMD ["python", "-V"]
CMD ["python", "app.py"]
